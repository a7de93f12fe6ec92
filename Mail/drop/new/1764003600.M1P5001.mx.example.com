Authentication-Results: mx.example.com; dkim=pass header.d=example.com header.s=s1; spf=pass smtp.mailfrom=ann@example.com
From: Ann Archer <ann@example.com>
To: log@baton.example.com
Subject: Fwd: Contract review
Date: Wed, 25 Nov 2026 08:00:00 +0000
Message-ID: <fwd-1@mail.gmail.com>
Content-Type: text/plain; charset=UTF-8

FYI, from my phone.

---------- Forwarded message ---------
From: Fatima Khan <fatima@globex.example.org>
Date: Tue, Nov 24, 2026 at 4:05 PM
Subject: Contract review
To: Ann Archer <ann@example.com>


Hi Ann, legal is back: we can sign the pilot contract next week.
Fatima
