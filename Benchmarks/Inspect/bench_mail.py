#!/usr/bin/env python3
"""The Python peer of `baton inspect mail`: email.parser.BytesParser(policy=email.policy.default) over every
message of an mbox, the same fields as Mail/bench_python.py turned into a dict, and one json.dumps line per
message written to SINK (/dev/null or a file). Usage: bench_mail.py MBOX SINK. Prints
`messages bytes seconds MB/s cpu-seconds peakRSS-MB`."""
import email.policy
import json
import mailbox
import os
import resource
import sys
import time
from email.parser import BytesParser


def record(parser, raw, index, offset):
    msg = parser.parsebytes(raw)

    def addresses(name):
        h = msg[name]
        try:
            return [{"name": a.display_name or None, "address": a.addr_spec.lower()} for a in h.addresses] if h is not None else []
        except Exception:
            return []

    date = msg["date"]
    try:
        when = date.datetime.isoformat() if date is not None else None
    except Exception:
        when = None
    text = html = None
    for kind, pref in (("text", "plain"), ("html", "html")):
        body = msg.get_body(preferencelist=(pref,))
        if body is not None:
            try:
                content = body.get_content()
            except Exception:
                content = None
            if kind == "text":
                text = content
            else:
                html = content
    attachments = []
    for part in msg.iter_attachments():
        payload = part.get_payload(decode=True) or b""
        attachments.append({"filename": part.get_filename(), "content_type": part.get_content_type(), "size": len(payload)})
    return {
        "index": index, "message_id": msg["message-id"], "date": when, "from": addresses("from"),
        "to": addresses("to"), "cc": addresses("cc"), "reply_to": addresses("reply-to"), "subject": msg["subject"],
        "in_reply_to": (msg["in-reply-to"] or "").split(), "references": (msg["references"] or "").split(),
        "text": text, "html_text": html, "attachments": attachments, "kind": "message", "forwarded": [],
        "source": {"path": sys.argv[1], "offset": offset, "length": len(raw)},
    }


def main():
    path, sink = sys.argv[1], sys.argv[2]
    parser = BytesParser(policy=email.policy.default)
    start = time.perf_counter()
    cpu_start = time.process_time()
    count = 0
    with open(sink, "w", encoding="utf-8", buffering=1 << 20) as out:
        box = mailbox.mbox(path, create=False)
        for key in box.iterkeys():
            offset = box._toc[key][0]
            raw = box.get_bytes(key)
            out.write(json.dumps(record(parser, raw, count, offset), ensure_ascii=False, separators=(",", ":")))
            out.write("\n")
            count += 1
    size = os.path.getsize(path)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{count} {size} {seconds:.3f} {size / seconds / 1e6:.1f} {cpu:.3f} {rss:.1f}")


if __name__ == "__main__":
    main()
