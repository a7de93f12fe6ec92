#!/usr/bin/env python3
"""Writes a deterministic 10,000-event iCalendar file for the calendar benchmark.

VTIMEZONE blocks for five zones (one of them a Windows name as Outlook writes it), 20% recurring events
(weekly BYDAY with COUNT or UNTIL, monthly BYDAY ordinals, daily with EXDATEs) with RECURRENCE-ID
overrides, attendees on every event. Usage: generate.py OUT.ics [EVENTS]
"""
import random
import sys

ZONES = {
    "Europe/London": ("+0000", "+0100", "-1SU", "3", "-1SU", "10", "010000", "020000"),
    "America/New_York": ("-0500", "-0400", "2SU", "3", "1SU", "11", "020000", "020000"),
    "Europe/Berlin": ("+0100", "+0200", "-1SU", "3", "-1SU", "10", "020000", "030000"),
    "America/Los_Angeles": ("-0800", "-0700", "2SU", "3", "1SU", "11", "020000", "020000"),
    "W. Europe Standard Time": ("+0100", "+0200", "-1SU", "3", "-1SU", "10", "020000", "030000"),
}
DAYS = ["MO", "TU", "WE", "TH", "FR"]
PROSPECTS = ["acme-robotics.com", "northwind.io", "contoso.example", "globex.example", "initech.example"]
REPS = ["ann@example.com", "bob@example.com", "cara@example.com", "dev@example.com"]


def vtimezone(tzid, spec):
    std, dst, dday, dmonth, sday, smonth, dtime, stime = spec
    return [
        "BEGIN:VTIMEZONE", f"TZID:{tzid}",
        "BEGIN:DAYLIGHT", f"TZOFFSETFROM:{std}", f"TZOFFSETTO:{dst}", f"DTSTART:19700101T{dtime}",
        f"RRULE:FREQ=YEARLY;BYMONTH={dmonth};BYDAY={dday}", "END:DAYLIGHT",
        "BEGIN:STANDARD", f"TZOFFSETFROM:{dst}", f"TZOFFSETTO:{std}", f"DTSTART:19700101T{stime}",
        f"RRULE:FREQ=YEARLY;BYMONTH={smonth};BYDAY={sday}", "END:STANDARD",
        "END:VTIMEZONE",
    ]


def fold(line):
    data = line.encode()
    if len(data) <= 75:
        return [line]
    out, start = [], 0
    while start < len(data):
        size = 75 if start == 0 else 74
        end = min(start + size, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1
        chunk = data[start:end].decode()
        out.append(chunk if start == 0 else " " + chunk)
        start = end
    return out


def stamp(y, m, d, hh, mm):
    return f"{y:04d}{m:02d}{d:02d}T{hh:02d}{mm:02d}00"


def main():
    out_path = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    rng = random.Random(20261127)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Baton//Benchmark generator//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    for tzid, spec in ZONES.items():
        lines += vtimezone(tzid, spec)
    zones = list(ZONES)
    for n in range(count):
        tzid = zones[n % len(zones)]
        year = rng.choice([2025, 2026, 2026, 2027])
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        hour = rng.randint(8, 17)
        minute = rng.choice([0, 15, 30, 45])
        length = rng.choice([15, 30, 30, 45, 60, 90])
        end_hour, end_minute = divmod(hour * 60 + minute + length, 60)
        uid = f"bench-{n:05d}@example.com"
        organizer = rng.choice(REPS)
        domain = rng.choice(PROSPECTS)
        event = [
            "BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:20261101T{hour:02d}0000Z",
            f"DTSTART;TZID={tzid}:{stamp(year, month, day, hour, minute)}",
            f"DTEND;TZID={tzid}:{stamp(year, month, day, end_hour, end_minute)}",
            f"SUMMARY:Call {n} with {domain.split('.')[0].title()} \\, pricing\\; next steps",
            f"DESCRIPTION:Generated meeting {n}.\\nAgenda: discovery\\, demo and pricing for {domain}; a line long enough to be folded by the generator.",
            f"ORGANIZER;CN=Rep {organizer[0].upper()}:mailto:{organizer}",
            f"ATTENDEE;CN=Rep;ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:{organizer}",
        ]
        for k in range(rng.randint(1, 4)):
            partstat = rng.choice(["ACCEPTED", "NEEDS-ACTION", "TENTATIVE", "DECLINED"])
            event.append(f"ATTENDEE;CN=\"Contact {k}, {domain}\";ROLE=REQ-PARTICIPANT;PARTSTAT={partstat};RSVP=TRUE:mailto:p{n}.{k}@{domain}")
        recurring = n % 5 == 0
        overrides = []
        if recurring:
            kind = (n // 5) % 4
            if kind == 0:
                event.append(f"RRULE:FREQ=WEEKLY;BYDAY={','.join(rng.sample(DAYS, 2))};COUNT={rng.randint(10, 60)}")
            elif kind == 1:
                event.append(f"RRULE:FREQ=WEEKLY;INTERVAL={rng.randint(1, 2)};BYDAY={rng.choice(DAYS)};UNTIL={year + 1}{month:02d}{day:02d}T235959Z")
            elif kind == 2:
                event.append(f"RRULE:FREQ=MONTHLY;BYDAY={rng.choice(['1', '2', '3', '-1'])}{rng.choice(DAYS)};COUNT={rng.randint(6, 24)}")
            else:
                event.append(f"RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;UNTIL={year}{month:02d}{day:02d}T235959Z".replace(
                    f"UNTIL={year}", f"UNTIL={year + 1}") if rng.random() < 0.5 else "RRULE:FREQ=DAILY;COUNT=40")
            ex_day = min(28, day + 7)
            event.append(f"EXDATE;TZID={tzid}:{stamp(year, month, ex_day, hour, minute)}")
            if rng.random() < 0.5:
                # Move the instance a week after the start by two hours.
                base_m, base_d, base_y = month, day + 14, year
                if base_d > 28:
                    base_d -= 28
                    base_m += 1
                    if base_m > 12:
                        base_m, base_y = 1, year + 1
                overrides.append([
                    "BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20261102T090000Z",
                    f"RECURRENCE-ID;TZID={tzid}:{stamp(base_y, base_m, base_d, hour, minute)}",
                    f"DTSTART;TZID={tzid}:{stamp(base_y, base_m, base_d, min(hour + 2, 21), minute)}",
                    f"DTEND;TZID={tzid}:{stamp(base_y, base_m, base_d, min(end_hour + 2, 23), end_minute)}",
                    "SEQUENCE:1", f"SUMMARY:Call {n} (moved)", f"ORGANIZER:mailto:{organizer}", "END:VEVENT",
                ])
        if rng.random() < 0.3:
            event += ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Reminder", "TRIGGER:-PT10M", "END:VALARM"]
        event += [f"SEQUENCE:{rng.randint(0, 2)}", "STATUS:CONFIRMED", "X-MICROSOFT-CDO-BUSYSTATUS:BUSY", "END:VEVENT"]
        lines += event
        for override in overrides:
            lines += override
    lines.append("END:VCALENDAR")
    with open(out_path, "w", newline="") as f:
        for line in lines:
            for part in fold(line):
                f.write(part + "\r\n")


if __name__ == "__main__":
    main()
