#!/usr/bin/env python3
"""Writes a deterministic business mailbox for the mail benchmark: 20,000 messages (~400 MB) as one mbox
(mboxrd quoting) and as a Maildir, into Benchmarks/corpus/ (git-ignored).

Mix: plain text, multipart/alternative with quoted-printable HTML, PDF/XLSX/PNG attachments in base64,
RFC 2047 subjects and names, threads (In-Reply-To, References), inline Gmail/Outlook forwards and
message/rfc822 forwards.
"""
import base64
import os
import random
import sys

COUNT = int(os.environ.get("MAIL_CORPUS_COUNT", "20000"))
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus")

FIRST = ["Ann", "Bob", "Carol", "Dan", "Eve", "Frank", "Grace", "Heidi", "Jürgen", "Renée", "Zoë", "Łukasz", "Søren"]
LAST = ["Lee", "Smith", "Müller", "Dupont", "García", "Rossi", "de Vries", "Nowak", "Østergaard", "Brown"]
DOMAINS = ["customer.test", "acme.test", "globex.test", "initech.test", "umbrella.test", "kunde.de", "client.fr"]
WORDS = ("pricing proposal meeting demo contract renewal quote invoice follow up next steps timeline budget "
         "integration onboarding discount licence seats pilot security review legal procurement deadline").split()


def name_header(rng, first, last, addr):
    full = f"{first} {last}"
    if any(ord(c) > 127 for c in full):
        if rng.random() < 0.5:
            enc = base64.b64encode(full.encode()).decode()
            return f"=?UTF-8?B?{enc}?= <{addr}>"
        q = "".join(c if c.isalnum() and ord(c) < 128 else "".join(f"={b:02X}" for b in c.encode()) for c in full)
        return f"=?UTF-8?Q?{q.replace(' ', '_')}?= <{addr}>"
    return f'"{full}" <{addr}>' if rng.random() < 0.3 else f"{full} <{addr}>"


def person(rng):
    f, l = rng.choice(FIRST), rng.choice(LAST)
    local = (f + "." + l).lower().encode("ascii", "ignore").decode().replace(" ", "")
    addr = f"{local}@{rng.choice(DOMAINS)}"
    return f, l, addr


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def paragraph_text(rng, lines):
    out = []
    for _ in range(lines):
        s = sentence(rng, rng.randint(6, 14))
        if rng.random() < 0.05:
            s = "From " + s  # exercises mbox quoting
        if rng.random() < 0.15:
            s += " Grüße, café, niño."
        out.append(s)
    return "\n".join(out)


def qp(text):
    out = []
    for line in text.split("\n"):
        enc = "".join(c if (32 <= ord(c) < 127 and c != "=") else "".join(f"={b:02X}" for b in c.encode()) for c in line)
        while len(enc) > 75:
            cut = 75
            while enc[cut - 1] == "=" or enc[cut - 2] == "=":
                cut -= 1
            out.append(enc[:cut] + "=")
            enc = enc[cut:]
        out.append(enc)
    return "\n".join(out)


def b64_lines(data):
    s = base64.b64encode(data).decode()
    return "\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def subject_header(rng, subject):
    if rng.random() < 0.2:
        s = subject + " – Übersicht"
        return "=?UTF-8?B?" + base64.b64encode(s.encode()).decode() + "?="
    return subject


def message(rng, n, threads):
    f, l, addr = person(rng)
    rep = rng.choice(["ann", "bob", "carol"]) + "@example.com"
    inbound = rng.random() < 0.5
    sender = name_header(rng, f, l, addr) if inbound else f"Sales Rep <{rep}>"
    to = f"Sales Rep <{rep}>" if inbound else name_header(rng, f, l, addr)
    subject = sentence(rng, rng.randint(2, 6))[:-1]
    day = 1 + n % 28
    hour = n % 24
    headers = [
        f"Return-Path: <{addr}>",
        f"Received: from mx{n % 7}.example.net (mx{n % 7}.example.net [192.0.2.{n % 250}])\n\tby mail.example.com with ESMTPS id {n:08x}\n\tfor <{rep}>; Tue, {day} Mar 2026 {hour:02d}:05:00 +0000",
        f"Message-ID: <{n:06d}.{rng.randrange(1 << 30):x}@{addr.split('@')[1]}>",
        f"Date: Tue, {day} Mar 2026 {hour:02d}:{n % 60:02d}:00 {rng.choice(['+0000', '+0100', '-0500', '+0530'])}",
        f"From: {sender}",
        f"To: {to}",
    ]
    if rng.random() < 0.3:
        g, m, a2 = person(rng)
        headers.append(f"Cc: {name_header(rng, g, m, a2)}, team@example.com")
    if threads and rng.random() < 0.4:
        parent = rng.choice(threads)
        headers.append(f"In-Reply-To: <{parent}>")
        headers.append(f"References: <{parent}>\n <{rng.choice(threads)}>")
        subject = "Re: " + subject
    threads.append(f"{n:06d}@thread.test")
    if len(threads) > 500:
        threads.pop(0)
    kind = rng.random()
    if kind < 0.04:
        subject = "Fwd: " + subject
    headers.append(f"Subject: {subject_header(rng, subject)}")
    headers.append("MIME-Version: 1.0")
    text = paragraph_text(rng, rng.randint(8, 40))
    if kind < 0.04:
        text = ("Please take this one.\n\n---------- Forwarded message ---------\n"
                f"From: {f} {l} <{addr}>\nDate: Mon, Mar 2, 2026 at 4:05 PM\nSubject: {subject}\nTo: <{rep}>\n\n"
                + paragraph_text(rng, 10))
    elif kind < 0.07:
        text = ("FYI\n\n-----Original Message-----\n"
                f"From: {f} {l} [mailto:{addr}]\nSent: Monday, March 2, 2026 4:05 PM\nTo: Rep; Other\n"
                f"Subject: {subject}\n\n" + paragraph_text(rng, 10))
    body_kind = rng.random()
    if body_kind < 0.35:
        headers.append("Content-Type: text/plain; charset=utf-8")
        headers.append("Content-Transfer-Encoding: 8bit")
        body = text
    elif body_kind < 0.62:
        b = f"alt{n}"
        html = "<html><head><style>p{margin:0}</style></head><body>" + "".join(
            f"<p>{line}</p>" for line in text.split("\n")) + "</body></html>"
        headers.append(f'Content-Type: multipart/alternative; boundary="{b}"')
        body = (f"--{b}\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
                f"{qp(text)}\n--{b}\nContent-Type: text/html; charset=utf-8\n"
                f"Content-Transfer-Encoding: quoted-printable\n\n{qp(html)}\n--{b}--\n")
    elif body_kind < 0.95:
        b = f"mix{n}"
        headers.append(f"Content-Type: multipart/mixed; boundary={b}")
        parts = [f"--{b}\nContent-Type: text/plain; charset=utf-8\n\n{text}\n"]
        for _ in range(rng.choice([1, 1, 1, 2])):
            size = int(rng.lognormvariate(10.16, 0.6))
            size = min(size, 400_000)
            ext, ctype = rng.choice([("pdf", "application/pdf"), ("xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), ("png", "image/png")])
            fname = f"Angebot_{n}.{ext}" if rng.random() < 0.8 else f"=?UTF-8?Q?Pr=C3=A4sentation_{n}?=.{ext}"
            parts.append(f'--{b}\nContent-Type: {ctype}; name="{fname}"\nContent-Disposition: attachment; '
                         f'filename="{fname}"\nContent-Transfer-Encoding: base64\n\n{b64_lines(rng.randbytes(size))}\n')
        body = "".join(parts) + f"--{b}--\n"
    else:
        b = f"fwd{n}"
        g, m, a2 = person(rng)
        inner = (f"From: {g} {m} <{a2}>\nTo: <{rep}>\nSubject: {subject}\nDate: Mon, 2 Mar 2026 16:05:00 +0000\n"
                 f"Message-ID: <inner{n}@{a2.split('@')[1]}>\nContent-Type: text/plain; charset=utf-8\n\n"
                 + paragraph_text(rng, 12))
        headers.append(f"Content-Type: multipart/mixed; boundary={b}")
        body = (f"--{b}\nContent-Type: text/plain; charset=utf-8\n\nSee attached.\n--{b}\n"
                f"Content-Type: message/rfc822\nContent-Disposition: attachment\n\n{inner}\n--{b}--\n")
    return ("\n".join(headers) + "\n\n" + body + "\n").encode()


def mboxrd_quote(msg):
    out = []
    for line in msg.split(b"\n"):
        stripped = line.lstrip(b">")
        if stripped.startswith(b"From "):
            line = b">" + line
        out.append(line)
    return b"\n".join(out)


def main():
    rng = random.Random(20261127)
    os.makedirs(os.path.join(ROOT, "maildir", "cur"), exist_ok=True)
    os.makedirs(os.path.join(ROOT, "maildir", "new"), exist_ok=True)
    os.makedirs(os.path.join(ROOT, "maildir", "tmp"), exist_ok=True)
    threads = []
    total = 0
    with open(os.path.join(ROOT, "mail.mbox.tmp"), "wb") as mbox:
        for n in range(COUNT):
            msg = message(rng, n, threads)
            total += len(msg)
            mbox.write(b"From sender@example.net Tue Mar  3 16:05:00 2026\n" + mboxrd_quote(msg) + b"\n")
            sub = "cur" if n % 3 else "new"
            flags = ":2,S" if sub == "cur" else ""
            with open(os.path.join(ROOT, "maildir", sub, f"{1772000000 + n}.M{n}P1.bench{flags}"), "wb") as f:
                f.write(msg)
    os.replace(os.path.join(ROOT, "mail.mbox.tmp"), os.path.join(ROOT, "mail.mbox"))
    print(f"wrote {COUNT} messages, {total / 1e6:.0f} MB, into {os.path.normpath(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
