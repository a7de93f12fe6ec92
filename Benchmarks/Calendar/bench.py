#!/usr/bin/env python3
"""The reference: icalendar + recurring_ical_events over the same file and window as the Swift benchmark.

Usage: bench.py FILE.ics [FROM-EPOCH TO-EPOCH]; prints one line of key=value figures like CalendarBenchmark.
"""
import datetime
import resource
import sys
import time

import icalendar
import recurring_ical_events

path = sys.argv[1]
start_epoch = int(sys.argv[2]) if len(sys.argv) > 3 else 1767225600
end_epoch = int(sys.argv[3]) if len(sys.argv) > 3 else 1798761600
window_start = datetime.datetime.fromtimestamp(start_epoch, datetime.timezone.utc)
window_end = datetime.datetime.fromtimestamp(end_epoch, datetime.timezone.utc)

with open(path, "rb") as f:
    data = f.read()
began = time.perf_counter()
cpu_began = time.process_time()
calendar = icalendar.Calendar.from_ical(data)
events = len(calendar.walk("VEVENT"))
occurrences = len(recurring_ical_events.of(calendar).between(window_start, window_end))
elapsed = time.perf_counter() - began
cpu = time.process_time() - cpu_began
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"events={events} occurrences={occurrences} seconds={elapsed:.4f} cpu_seconds={cpu:.4f} events_per_second={int(events / elapsed)} bytes={len(data)} peak_rss_kb={peak}")
