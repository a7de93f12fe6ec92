From: Bob Baker <bob@example.com>
To: Erik Nilsen <eriknilsen@gmail.com>
Subject: Re: Trial questions
Date: Thu, 19 Nov 2026 11:00:00 +0100
Message-ID: <bob-1@example.com>
In-Reply-To: <erik-1@northwind.io>
Content-Type: text/plain

Erik, 25 seats and SAML SSO are both in the trial. Sorry for the slow answer.
Bob
