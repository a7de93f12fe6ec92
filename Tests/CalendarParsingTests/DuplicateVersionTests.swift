import Testing

@testable import CalendarParsing

/// Two versions of one `UID` (and `RECURRENCE-ID`) in one file are one, as calendar clients keep them on import:
/// the newer by `SEQUENCE`, then `DTSTAMP`, then `LAST-MODIFIED`; on a full tie, the one written later.
@Suite struct DuplicateVersionTests {
    @Test("only the newer version of each UID and override is expanded, even across VCALENDARs in one file")
    func newerWins() {
        let (found, diagnostics) = TestSupport.occurrences(
            TestSupport.fixture("duplicate-uid.ics"), from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z")
        #expect(diagnostics.isEmpty)
        #expect(
            found.map { "\($0.uid ?? "-") \($0.start) \($0.event.summary ?? "") \($0.method ?? "-")" } == [
                "by-sequence@example.com 2026-03-02T10:00:00Z by sequence (new) PUBLISH",
                "by-stamp@example.com 2026-03-03T10:00:00Z by stamp (new) PUBLISH",
                "by-modified@example.com 2026-03-04T10:00:00Z by last-modified (new) PUBLISH",
                "modified-first@example.com 2026-03-04T14:00:00Z modified first (new) PUBLISH",
                "tie@example.com 2026-03-05T09:00:00Z tie (last) PUBLISH",
                "across@example.com 2026-03-06T09:00:00Z across calendars (cancelled) CANCEL",
                "series@example.com 2026-03-09T09:00:00Z series PUBLISH",
                "series@example.com 2026-03-16T14:00:00Z series (moved, new) PUBLISH",
                "series@example.com 2026-03-23T09:00:00Z series PUBLISH",
            ])
    }

    @Test("supersedes compares SEQUENCE, then DTSTAMP, then LAST-MODIFIED, and a tie goes to the later")
    func ordering() {
        var old = CalendarEvent()
        old.sequence = 1
        old.timestamp = 100
        var new = old
        #expect(new.supersedes(old) && old.supersedes(new))
        new.lastModified = 5
        #expect(new.supersedes(old) && !old.supersedes(new))
        old.timestamp = 101
        #expect(!new.supersedes(old) && old.supersedes(new))
        new.sequence = 2
        #expect(new.supersedes(old) && !old.supersedes(new))
    }
}
