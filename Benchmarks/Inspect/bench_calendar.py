#!/usr/bin/env python3
"""The Python peer of `baton inspect calendar`: icalendar + recurring_ical_events over FILE in the window, as
Calendar/bench.py, then one json.dumps line per occurrence (uid, recurrence id, start, end, summary, status,
organizer, attendees, method, sequence) written to SINK, sorted by start as Baton prints them.
Usage: bench_calendar.py FILE.ics FROM-EPOCH TO-EPOCH SINK. Prints key=value figures; `expand_*` is the part
Calendar/bench.py times (parse and expansion), `seconds`/`cpu_seconds` the whole command."""
import datetime
import json
import resource
import sys
import time

import icalendar
import recurring_ical_events

path, start_epoch, end_epoch, sink = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
window_start = datetime.datetime.fromtimestamp(start_epoch, datetime.timezone.utc)
window_end = datetime.datetime.fromtimestamp(end_epoch, datetime.timezone.utc)


def text(value):
    return None if value is None else str(value)


def when(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc)
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def key(value):
    if isinstance(value, datetime.datetime):
        return value.timestamp() if value.tzinfo is not None else value.replace(tzinfo=datetime.timezone.utc).timestamp()
    return datetime.datetime(value.year, value.month, value.day, tzinfo=datetime.timezone.utc).timestamp()


began = time.perf_counter()
cpu_began = time.process_time()
with open(path, "rb") as f:
    data = f.read()
calendar = icalendar.Calendar.from_ical(data)
method = text(calendar.get("METHOD"))
events = len(calendar.walk("VEVENT"))
occurrences = recurring_ical_events.of(calendar).between(window_start, window_end)
expand_seconds = time.perf_counter() - began
expand_cpu = time.process_time() - cpu_began
with open(sink, "w", encoding="utf-8", buffering=1 << 20) as out:
    rows = []
    for event in occurrences:
        start = event.get("DTSTART").dt
        end = event.get("DTEND").dt if event.get("DTEND") is not None else start
        rid = event.get("RECURRENCE-ID")
        attendees = event.get("ATTENDEE") or []
        if not isinstance(attendees, list):
            attendees = [attendees]
        rows.append((key(start), text(event.get("UID")), {
            "uid": text(event.get("UID")), "recurrence_id": when(rid.dt) if rid is not None else None,
            "start": when(start), "end": when(end), "summary": text(event.get("SUMMARY")),
            "status": text(event.get("STATUS")), "organizer": text(event.get("ORGANIZER")),
            "attendees": [{"address": str(a), "name": text(a.params.get("CN")), "partstat": text(a.params.get("PARTSTAT")),
                           "role": text(a.params.get("ROLE"))} for a in attendees],
            "method": method, "sequence": int(event.get("SEQUENCE", 0)),
        }))
    rows.sort(key=lambda r: (r[0], r[1] or ""))
    for _, _, row in rows:
        out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
elapsed = time.perf_counter() - began
cpu = time.process_time() - cpu_began
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"events={events} occurrences={len(occurrences)} seconds={elapsed:.4f} cpu_seconds={cpu:.4f} expand_seconds={expand_seconds:.4f} expand_cpu_seconds={expand_cpu:.4f} peak_rss_kb={peak}")
