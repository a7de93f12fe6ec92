#!/usr/bin/env python3
"""Writes the CRM side of the ingestion benchmark into Benchmarks/corpus/ingest/: the reps of the generated
mailbox (ann, bob, carol @example.com), a lead for every prospect address the mail generator can produce (910
people at 7 company domains, owned round-robin by the reps) and the configurations: `first.json` reads the corpus
mbox with the sample configuration's five policies (`first-nopolicies.json` without them), `maildir.json` the
Maildir copy of the same messages with the same policies, `rescan.json` the big world (100,000 Maildir files and a
1 GB mbox; `rescan-nopolicies.json` without policies)."""
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "Mail"))
import generate_corpus as g  # noqa: E402

root = os.path.join(here, "..", "corpus", "ingest")
os.makedirs(root, exist_ok=True)
reps = ["ann@example.com", "bob@example.com", "carol@example.com"]
with open(os.path.join(root, "reps.csv"), "w") as f:
    f.write("email,name,team,manager_email,timezone,aliases\n")
    for r in reps:
        f.write(f"{r},{r.split('@')[0].title()},emea,mia@example.com,Europe/London,\n")
seen = []
for first in g.FIRST:
    for last in g.LAST:
        local = (first + "." + last).lower().encode("ascii", "ignore").decode().replace(" ", "")
        for domain in g.DOMAINS:
            address = f"{local}@{domain}"
            if address not in seen:
                seen.append(address)
with open(os.path.join(root, "leads.csv"), "w") as f:
    f.write("external_id,email,name,source,stage,owner_email,created_at\n")
    for n, address in enumerate(seen):
        f.write(f"B-{n},{address},{address.split('@')[0]},webinar,mql,{reps[n % 3]},2026-03-01\n")


with open(os.path.join(here, "..", "..", "Config", "baton.json")) as f:
    SAMPLE_POLICIES = json.load(f)["policies"]


def config(name, sources, policies=True):
    with open(os.path.join(root, name), "w") as f:
        f.write('{"store": "%s.sqlite", "timezone": "Europe/London", "internal_domains": ["example.com"],\n'
                ' "crm": {"reps_file": "reps.csv", "leads_file": "leads.csv"},\n'
                ' "sources": [%s],\n'
                ' "teams": {"emea": {"timezone": "Europe/London", "hours": {"mon-fri": "09:00-17:30"}}},\n'
                ' "policies": %s,\n'
                ' "alerts": {"from": "baton@example.com", "transport": {"type": "folder", "path": "out"}}}\n'
                % (name.replace(".json", ""), sources, json.dumps(SAMPLE_POLICIES if policies else [])))


config("first.json", '{"type": "mbox", "path": "../mail.mbox", "rep": "ann@example.com"}')
config("first-nopolicies.json", '{"type": "mbox", "path": "../mail.mbox", "rep": "ann@example.com"}', False)
config("maildir.json", '{"type": "maildir", "path": "../maildir", "rep": "ann@example.com"}')
config("rescan.json", '{"type": "mbox", "path": "big.mbox"}, {"type": "maildir", "path": "big-maildir"}')
config("rescan-nopolicies.json", '{"type": "mbox", "path": "big.mbox"}, {"type": "maildir", "path": "big-maildir"}',
       False)
print(f"{len(seen)} leads, {len(reps)} reps in {root}")
