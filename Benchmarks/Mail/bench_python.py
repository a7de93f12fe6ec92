#!/usr/bin/env python3
"""The Python baseline: email.parser.BytesParser(policy=email.policy.default) extracting the same fields as
the Swift benchmark (ids, date, addresses, subject, threading ids, first text body, attachment names) from
an mbox or a Maildir. Prints `kind messages bytes seconds messages/s MB/s peakRSS-MB cpu-seconds MB-per-cpu-second`."""
import email.policy
import mailbox
import os
import resource
import sys
import time
from email.parser import BytesParser


def extract(parser, raw):
    msg = parser.parsebytes(raw)
    out = [msg["message-id"], msg["subject"], msg["in-reply-to"], msg["references"]]
    date = msg["date"]
    try:
        out.append(date.datetime if date is not None else None)
    except Exception:
        out.append(None)
    for name in ("from", "to", "cc", "reply-to"):
        h = msg[name]
        try:
            out.append([(a.display_name, a.addr_spec.lower()) for a in h.addresses] if h is not None else [])
        except Exception:
            out.append([])
    body = msg.get_body(preferencelist=("plain", "html"))
    text = None
    if body is not None:
        try:
            text = body.get_content()
        except Exception:
            text = None
    names = [p.get_filename() for p in msg.iter_attachments()]
    return len(text or "") + len(names)


def main():
    path = sys.argv[1]
    parser = BytesParser(policy=email.policy.default)
    start = time.perf_counter()
    cpu_start = time.process_time()
    count = 0
    size = 0
    checksum = 0
    if os.path.isdir(path):
        kind = "maildir"
        names = []
        for sub in ("cur", "new"):
            d = os.path.join(path, sub)
            if os.path.isdir(d):
                names += [(n.split(":2,")[0], os.path.join(d, n)) for n in os.listdir(d) if not n.startswith(".")]
        for _, p in sorted(names):
            with open(p, "rb") as f:
                raw = f.read()
            size += len(raw)
            count += 1
            checksum += extract(parser, raw)
    else:
        kind = "mbox"
        box = mailbox.mbox(path, create=False)
        for key in box.iterkeys():
            raw = box.get_bytes(key)
            size += len(raw)
            count += 1
            checksum += extract(parser, raw)
        size = os.path.getsize(path)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{kind} {count} {size} {seconds:.3f} {count / seconds:.0f} {size / seconds / 1e6:.1f} {rss:.1f} {cpu:.3f} {size / cpu / 1e6:.1f} checksum={checksum}")


if __name__ == "__main__":
    main()
