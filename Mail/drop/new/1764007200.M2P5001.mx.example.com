Authentication-Results: mx.example.com; spf=pass smtp.mailfrom=bob@example.com
From: Bob Baker <bob@example.com>
To: log@baton.example.com
Subject: FW: Renewal
Date: Wed, 25 Nov 2026 09:00:00 +0100
Message-ID: <fwd-2@example.com>
Content-Type: text/plain; charset=us-ascii

Logging this one, it came to my personal address.

-----Original Message-----
From: Gus Fring <gus@initech.example.net>
Sent: Monday, November 23, 2026 9:15 AM
To: Bob Baker <bob.baker.home@gmail.com>
Subject: Renewal

Bob, can we extend the renewal deadline by two weeks?
Gus
