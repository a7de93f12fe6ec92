#!/usr/bin/env python3
"""Writes the PostgreSQL benchmark's configurations into WORK from the ingestion world's `first.json` (written by
Ingest/world.py: the sample's five policies, its reps and leads), changing only the store and the sources:

- `sqlite.json`: the corpus mbox into WORK/first.sqlite;
- `pg.json`: the corpus mbox into the database PGBASE/bench_first;
- `node1.json` … `node4.json`: one of the four parts WORK/part-N.mbox each, all into PGBASE/bench_nodes, as
  nodes `node-1` … `node-4` (four hosts; on this one machine they need names of their own);
- `one.json`: the four parts as four sources of one configuration, into PGBASE/bench_one.

Usage: configs.py WORK PGBASE (PGBASE is a postgresql:// URI without a database name)."""
import json
import os
import sys

work, pgbase = os.path.abspath(sys.argv[1]), sys.argv[2].rstrip("/")
ingest = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus", "ingest")
with open(os.path.join(ingest, "first.json")) as f:
    base = json.load(f)
for key in ("reps_file", "leads_file"):
    base["crm"][key] = os.path.abspath(os.path.join(ingest, base["crm"][key]))
base["alerts"]["transport"]["path"] = os.path.join(work, "out")
mbox = os.path.abspath(os.path.join(ingest, base["sources"][0]["path"]))
rep = base["sources"][0]["rep"]


def part(n):
    return {"type": "mbox", "path": os.path.join(work, f"part-{n}.mbox"), "rep": rep}


def write(name, store, sources, **extra):
    with open(os.path.join(work, name), "w") as f:
        json.dump(dict(base, store=store, sources=sources, **extra), f, indent=1)


write("sqlite.json", os.path.join(work, "first.sqlite"), [{"type": "mbox", "path": mbox, "rep": rep}])
write("pg.json", f"{pgbase}/bench_first", [{"type": "mbox", "path": mbox, "rep": rep}])
for n in range(1, 5):
    write(f"node{n}.json", f"{pgbase}/bench_nodes", [part(n)], node=f"node-{n}")
write("one.json", f"{pgbase}/bench_one", [part(n) for n in range(1, 5)])
