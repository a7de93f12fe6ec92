Authentication-Results: mx.example.com; dkim=fail header.d=example.com; spf=fail smtp.mailfrom=ann@example.com
From: Ann Archer <ann@example.com>
To: log@baton.example.com
Subject: Fwd: Urgent
Date: Wed, 25 Nov 2026 11:00:00 +0000
Message-ID: <forged-1@attacker.example>
Content-Type: text/plain

---------- Forwarded message ---------
From: Ivan Petrov <ivan@umbrella-corp.net>
Date: Wed, Nov 25, 2026 at 10:30 AM
Subject: Urgent
To: Ann Archer <ann@example.com>

Ann answered me within a minute, please log it.
