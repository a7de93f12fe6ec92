#!/usr/bin/env python3
"""The Python pipeline the ingestion benchmark compares against: the mail benchmark's parsing
(BytesParser(policy=email.policy.default): ids, date, addresses, subject, threading ids, first text body) plus
what a scan stores for each message, in a SQLite file in batches of 500 per transaction: the message, its
participants and references, a sighting, and one interaction per lead found by address (leads and reps
loaded from the benchmark's CSV files). Prints `messages seconds cpu-seconds peak-RSS-MB interactions`."""
import csv
import email.policy
import mailbox
import os
import resource
import sqlite3
import sys
import time
from email.parser import BytesParser

SCHEMA = """
CREATE TABLE messages (id INTEGER PRIMARY KEY, dedupe_key TEXT UNIQUE, message_id TEXT, sent_at INTEGER,
  from_address TEXT, subject TEXT, kind TEXT, outcome TEXT);
CREATE TABLE message_addresses (message_id INTEGER, role TEXT, position INTEGER, address TEXT, name TEXT,
  PRIMARY KEY (message_id, role, position));
CREATE TABLE message_refs (message_id INTEGER, ref TEXT, PRIMARY KEY (message_id, ref));
CREATE TABLE sightings (id INTEGER PRIMARY KEY, message_id INTEGER, source TEXT, location TEXT);
CREATE TABLE interactions (id INTEGER PRIMARY KEY, lead_id INTEGER, message_id INTEGER, direction TEXT,
  rep TEXT, time INTEGER, match TEXT, UNIQUE (message_id, lead_id));
"""


def main():
    mbox_path, folder, database = sys.argv[1], sys.argv[2], sys.argv[3]
    leads = {}
    with open(os.path.join(folder, "leads.csv")) as f:
        for n, row in enumerate(csv.DictReader(f)):
            leads[row["email"].lower()] = n + 1
    reps = set()
    with open(os.path.join(folder, "reps.csv")) as f:
        for row in csv.DictReader(f):
            reps.add(row["email"].lower())
    if os.path.exists(database):
        os.remove(database)
    db = sqlite3.connect(database, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.executescript(SCHEMA)
    parser = BytesParser(policy=email.policy.default)
    start = time.perf_counter()
    cpu_start = time.process_time()
    count = interactions = 0
    box = mailbox.mbox(mbox_path, create=False)
    db.execute("BEGIN")
    for key in box.iterkeys():
        raw = box.get_bytes(key)
        msg = parser.parsebytes(raw)
        count += 1
        mid = msg["message-id"]
        try:
            date = msg["date"].datetime.timestamp() if msg["date"] is not None else None
        except Exception:
            date = None
        people = []
        for role in ("from", "to", "cc"):
            h = msg[role]
            try:
                people += [(role, a.addr_spec.lower(), a.display_name) for a in h.addresses] if h is not None else []
            except Exception:
                pass
        body = msg.get_body(preferencelist=("plain", "html"))
        try:
            text = body.get_content() if body is not None else ""
        except Exception:
            text = ""
        refs = " ".join(str(msg[h] or "") for h in ("in-reply-to", "references")).split()
        sender = people[0][1] if people and people[0][0] == "from" else None
        cur = db.execute(
            "INSERT OR IGNORE INTO messages (dedupe_key, message_id, sent_at, from_address, subject, kind, outcome)"
            " VALUES (?, ?, ?, ?, ?, 'message', 'matched')",
            ("mid:" + str(mid), str(mid), date, sender, str(msg["subject"] or ""), ))
        message_id = cur.lastrowid
        for position, (role, address, name) in enumerate(people):
            db.execute("INSERT OR IGNORE INTO message_addresses VALUES (?, ?, ?, ?, ?)",
                       (message_id, role, position, address, name))
        for ref in refs:
            db.execute("INSERT OR IGNORE INTO message_refs VALUES (?, ?)", (message_id, ref.strip("<>")))
        db.execute("INSERT INTO sightings (message_id, source, location) VALUES (?, ?, ?)",
                   (message_id, mbox_path, str(key)))
        outbound = sender in reps
        for role, address, _ in people:
            lead = leads.get(address)
            if lead is not None:
                db.execute("INSERT OR IGNORE INTO interactions (lead_id, message_id, direction, rep, time, match)"
                           " VALUES (?, ?, ?, ?, ?, 'address')",
                           (lead, message_id, "outbound" if outbound else "inbound", None, date))
                interactions += 1
        _ = len(text)
        if count % 500 == 0:
            db.execute("COMMIT")
            db.execute("BEGIN")
    db.execute("COMMIT")
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{count} {seconds:.3f} {cpu:.3f} {rss:.1f} {interactions}")


if __name__ == "__main__":
    main()
