/// Pure calendar parsing: RFC 5545, recurrence, time zones, iTIP (filled by the calendar-reading work).
public enum CalendarParsing {}
