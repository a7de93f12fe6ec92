Authentication-Results: mx.example.com; dkim=pass header.d=example.com header.s=s1
From: Ann Archer <ann@example.com>
To: log@baton.example.com
Subject: Fwd: Question about your robotics integration
Date: Wed, 25 Nov 2026 10:00:00 +0000
Message-ID: <fwd-3@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="fw3"

--fw3
Content-Type: text/plain

Attached, for the record.

--fw3
Content-Type: message/rfc822

From: Dana Scully <dana@acme-robotics.com>
To: Ann Archer <ann@example.com>
Subject: Question about your robotics integration
Date: Mon, 16 Nov 2026 08:12:00 +0000
Message-ID: <dana-1@acme-robotics.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Hi Ann,

we saw the webinar last week. Does your platform integrate with our ROS fleet manager?

Dana

--fw3--
