#!/usr/bin/env python3
"""Writes the CRM side of the ingestion benchmark into Benchmarks/corpus/ingest/: the reps of the generated
mailbox (ann, bob, carol @example.com), a lead for every prospect address the mail generator can produce (910
people at 7 company domains, owned round-robin by the reps) and a configuration reading the corpus mbox."""
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


def config(name, sources):
    with open(os.path.join(root, name), "w") as f:
        f.write('{"store": "%s.sqlite", "timezone": "Europe/London", "internal_domains": ["example.com"],\n'
                ' "crm": {"reps_file": "reps.csv", "leads_file": "leads.csv"},\n'
                ' "sources": [%s],\n'
                ' "teams": {"emea": {"timezone": "Europe/London", "hours": {"mon-fri": "09:00-17:30"}}},\n'
                ' "policies": [], "alerts": {"from": "baton@example.com", "transport": {"type": "folder", "path": "out"}}}\n'
                % (name.replace(".json", ""), sources))


config("first.json", '{"type": "mbox", "path": "../mail.mbox", "rep": "ann@example.com"}')
config("rescan.json", '{"type": "mbox", "path": "big.mbox"}, {"type": "maildir", "path": "big-maildir"}')
print(f"{len(seen)} leads, {len(reps)} reps in {root}")
