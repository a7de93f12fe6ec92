import Testing

@testable import MailParsing

@Suite struct DateParserTests {
    /// 2026-03-03T16:05:00Z
    static let t0: Int64 = 1_772_553_900

    static let cases: [(String, Int64?, Bool)] = [
        ("Tue, 03 Mar 2026 16:05:00 +0000", t0, true),
        ("Tue, 3 Mar 2026 17:05:00 +0100", t0, true),
        ("3 Mar 2026 11:05 -0500", t0, true),
        ("Tue, 03 Mar 2026 16:05:00 -0000", t0, true),
        ("Tue, 03 Mar 2026 16:05:00 GMT", t0, true),
        ("Tue, 03 Mar 2026 08:05:00 PST", t0, true),
        ("Tue, 03 Mar 2026 11:05:00 EST", t0, true),
        ("Tue, 03 Mar 2026 16:05:00 Z", t0, true),
        ("Tue, 03 Mar 2026 16:05:00 A", t0, true),
        ("Tue, 03 Mar 26 16:05:00 +0000", t0, true),
        ("Tue, 03 Mar 99 16:05:00 +0000", 920_477_100, true),
        ("Fri, 03 Mar 2026 16:05:00 +0000", t0, true),
        ("Tue, 03 Mar 2026 16:05:00 +0000 (UTC)", t0, true),
        ("Tue, 03 Mar 2026 16:05:00 +0000 (Coordinated Universal Time) junk", t0, true),
        ("Tue Mar  3 16:05:00 2026", t0, false),
        ("Tuesday, March 3, 2026 4:05 PM", t0, false),
        ("Tue, Mar 3, 2026 at 4:05 PM", t0, false),
        ("March 3, 2026 at 5:05:00 PM GMT+1", t0, true),
        ("Dienstag, 3. März 2026 16:05", t0, false),
        ("mardi 3 mars 2026 16:05", t0, false),
        ("martes, 3 de marzo de 2026 16:05", t0, false),
        ("Di., 3. März 2026 um 16:05 Uhr", t0, false),
        ("mar., 3 mars 2026 à 16:05", t0, false),
        ("mar, 3 feb 2026 16:05", t0 - 28 * 86_400, false),
        ("Tue, 3 Mar 2026 16:05:00 +0100 (CET)", t0 - 3600, true),
        ("Tue, 31 Feb 2026 16:05:00 +0000", nil, false),
        ("Tue, 03 Mar 2026 25:05:00 +0000", nil, false),
        ("not a date", nil, false),
        ("", nil, false),
    ]

    @Test("dates in RFC 5322 and obsolete forms become instants", arguments: cases)
    func parses(input: String, seconds: Int64?, hasZone: Bool) {
        let d = DateParser.parse(input)
        #expect(d?.secondsSinceEpoch == seconds)
        if seconds != nil { #expect(d?.hasZone == hasZone) }
    }

    /// Numeric dates as attribution lines and localised Outlook blocks write them: read when the day and month
    /// cannot be mistaken for each other (year first, a number over 12, or both the same), else nil.
    static let numeric: [(String, Int64?)] = [
        ("2026-03-03 16:05", t0),
        ("2026/03/03 16:05", t0),
        ("2026.03.03 16:05", t0),
        ("2026-3-3 4:05 PM", t0),
        ("13/03/2026 16:05", t0 + 10 * 86_400),
        ("03/13/2026 4:05 PM", t0 + 10 * 86_400),
        ("13.03.2026 um 16:05", t0 + 10 * 86_400),
        ("13.03.2026. 16:05", t0 + 10 * 86_400),
        ("13-03-2026 16:05", t0 + 10 * 86_400),
        ("03/03/2026 16:05", t0),
        ("mar., 13/03/2026 à 16:05", t0 + 10 * 86_400),
        ("Tue, 03/13/2026 4:05 PM", t0 + 10 * 86_400),
        // 3 April in Europe, 4 March in the United States: no date rather than a wrong one.
        ("03/04/2026 16:05", nil),
        ("04.03.2026 16:05", nil),
        // Two-digit years leave even the order of the year in doubt.
        ("13/03/26 16:05", nil),
        ("32/03/2026 16:05", nil),
        ("2026/13/03 16:05", nil),
        ("30/02/2026 16:05", nil),
        ("13/03/2026", nil),
        ("1.2.3 16:05", nil),
    ]

    @Test("numeric dates are read only when they are unambiguous", arguments: numeric)
    func numericDates(input: String, seconds: Int64?) {
        let d = DateParser.parse(input)
        #expect(d?.secondsSinceEpoch == seconds)
        if seconds != nil { #expect(d?.hasZone == false) }
    }
}
