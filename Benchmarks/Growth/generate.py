#!/usr/bin/env python3
"""Writes the growth benchmark's world into Benchmarks/corpus/growth/: 100,000 leads at 20,000 company domains
owned by 8 reps, and a 1,000,000-message mbox of small messages (about 1 KB each, so about 1 GB):
ten per lead over six months, inbound and outbound in turn, each answer threaded to the message before it. The
configuration has the sample's five policies, a sales address and `auto_create_leads`. `generate.py append N
SEED WHEN` appends N new messages (to leads picked with SEED) dated WHEN, for the "new mail" runs; `unknown N SEED
WHEN` appends N messages from unknown senders to the sales address (each creates a lead); `change N` gives lead N
a second address in the leads file."""
import json
import os
import random
import sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..", "corpus", "growth")
sample = os.path.join(here, "..", "..", "Config", "baton.json")
LEADS = 100_000
PER_LEAD = 10
START = 1_780_272_000  # 2026-06-01T00:00:00Z
SPAN = 178 * 86_400  # to 2026-11-26
REPS = [f"rep{n}@example.com" for n in range(8)]
FILLER = ("We would like to know more about the plan and the onboarding for our team of twelve. "
          "Could you send the price list and the contract terms? ") * 6
DAYS = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def date(t):
    import time
    g = time.gmtime(t)
    return "%s, %02d %s %04d %02d:%02d:%02d +0000" % (DAYS[(t // 86_400) % 7], g.tm_mday, MONTHS[g.tm_mon - 1],
                                                      g.tm_year, g.tm_hour, g.tm_min, g.tm_sec)


def minute(t):
    import time
    return time.strftime("%Y-%m-%d %H:%M", time.gmtime(t))


def lead(n):
    return f"lead{n}@co{n % 20_000}.test"


def message(out, n, k, t, tag):
    rep = REPS[n % len(REPS)]
    inbound = k % 2 == 0
    sender, to = (lead(n), rep) if inbound else (rep, lead(n))
    reply = f"In-Reply-To: <{tag}{n}.{k - 1}@gen>\n" if k > 0 else ""
    out.write(f"From x Mon Jun  1 00:00:00 2026\nFrom: {sender}\nTo: {to}\n"
              f"Subject: {'Re: ' if k else ''}Plans for company {n}\nDate: {date(t)}\n"
              f"Message-ID: <{tag}{n}.{k}@gen>\n{reply}\n"
              f"Hello, message {k} about lead {n}.\n{FILLER}\n\n")


def world():
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "reps.csv"), "w") as f:
        f.write("email,name,team,manager_email,timezone,aliases\n")
        for n, r in enumerate(REPS):
            f.write(f"{r},Rep {n},emea,mia@example.com,,\n")
    stages = ["mql", "mql", "sql", "opportunity", "accepted", "nurture", "won", "lost"]
    with open(os.path.join(root, "leads.csv"), "w") as f:
        f.write("external_id,email,name,company,source,stage,owner_email,created_at,assigned_at\n")
        for n in range(LEADS):
            created = START + (n * SPAN) // LEADS
            f.write(f"G-{n},{lead(n)},Lead {n},Company {n % 20_000},{['webinar', 'ads', 'event'][n % 3]},"
                    f"{stages[n % len(stages)]},{REPS[n % len(REPS)]},{minute(created)},{minute(created + 600)}\n")
    config = json.load(open(sample))
    config.update({
        "store": "growth.sqlite", "internal_domains": ["example.com"],
        "crm": {"reps_file": "reps.csv", "leads_file": "leads.csv"},
        "sources": [{"type": "mbox", "path": "growth.mbox"}],
        "sales_addresses": ["sales@example.com"], "auto_create_leads": True,
    })
    config["alerts"] = {"from": "baton@example.com", "fallback_to": "ops@example.com",
                        "transport": {"type": "folder", "path": "outbox"}}
    config.pop("drop", None)
    config.pop("reports", None)
    json.dump(config, open(os.path.join(root, "growth.json"), "w"), indent=1)
    with open(os.path.join(root, "growth.mbox"), "w") as out:
        for k in range(PER_LEAD):
            for n in range(LEADS):
                created = START + (n * SPAN) // LEADS
                t = min(START + SPAN - 3_600, created + 3_600 + k * 5 * 3_600 + (n % 7) * 600)
                message(out, n, k, t, "m")
    print(f"{LEADS} leads, {LEADS * PER_LEAD} messages in {root}", file=sys.stderr)


def append(count, seed, when):
    rnd = random.Random(seed)
    with open(os.path.join(root, "growth.mbox"), "a") as out:
        for i in range(count):
            n = rnd.randrange(LEADS)
            message(out, n, PER_LEAD + seed * 1_000 + i, when + i, f"new{seed}.")


def unknown(count, seed, when):
    """Appends `count` first messages from senders no lead has, to the sales address: each becomes a lead."""
    with open(os.path.join(root, "growth.mbox"), "a") as out:
        for i in range(count):
            out.write(f"From x Mon Jun  1 00:00:00 2026\nFrom: Prospect {i} <p{seed}.{i}@newco{seed}-{i}.test>\n"
                      f"To: sales@example.com\nSubject: Pricing for {i}\nDate: {date(when + i)}\n"
                      f"Message-ID: <unknown{seed}.{i}@gen>\n\nHello, could you send the price list?\n\n")


def change_lead(n):
    """Gives lead `n` a second address in the leads file: what matching reads changed."""
    path = os.path.join(root, "leads.csv")
    lines = open(path).read().split("\n")
    lines[n + 1] = lines[n + 1].replace(f",{lead(n)},", f",{lead(n)};second{n}@co{n % 20_000}.test,", 1)
    open(path, "w").write("\n".join(lines))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "append":
        append(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    elif len(sys.argv) > 1 and sys.argv[1] == "unknown":
        unknown(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    elif len(sys.argv) > 1 and sys.argv[1] == "change":
        change_lead(int(sys.argv[2]))
    else:
        world()
