import Foundation
import Testing

@testable import CalendarParsing

/// One example of RFC 5545, section 3.8.5.3, with the dates the RFC lists (all at 09:00 America/New_York unless said).
struct RFCExample: Sendable, CustomTestStringConvertible {
    var title: String
    var start: String
    var rule: String
    var through: String
    var expected: [String]
    var exdate: String? = nil
    var testDescription: String { title }
}

@Suite struct RFC5545ExampleTests {
    static let examples: [RFCExample] = [
        RFCExample(
            title: "daily for 10 occurrences", start: "19970902T090000", rule: "FREQ=DAILY;COUNT=10",
            through: "1998-01-01",
            expected: TestSupport.dates("1997-09 2-11")),
        RFCExample(
            title: "daily until December 24, 1997", start: "19970902T090000", rule: "FREQ=DAILY;UNTIL=19971224T000000Z",
            through: "1998-06-01", expected: TestSupport.dates("1997-09 2-30; 1997-10 1-31; 1997-11 1-30; 1997-12 1-23")
        ),
        RFCExample(
            title: "every other day, forever (to the end of 1997)", start: "19970902T090000",
            rule: "FREQ=DAILY;INTERVAL=2",
            through: "1997-12-04",
            expected: TestSupport.dates(
                "1997-09 2,4,6,8,10,12,14,16,18,20,22,24,26,28,30; 1997-10 2,4,6,8,10,12,14,16,18,20,22,24,26,28,30; 1997-11 1,3,5,7,9,11,13,15,17,19,21,23,25,27,29; 1997-12 1,3"
            )),
        RFCExample(
            title: "every 10 days, 5 occurrences", start: "19970902T090000", rule: "FREQ=DAILY;INTERVAL=10;COUNT=5",
            through: "1998-01-01",
            expected: TestSupport.dates("1997-09 2,12,22; 1997-10 2,12")),
        RFCExample(
            title: "every day in January, for 3 years (yearly form)", start: "19980101T090000",
            rule: "FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA", through: "2001-01-01",
            expected: TestSupport.dates("1998-01 1-31; 1999-01 1-31; 2000-01 1-31")),
        RFCExample(
            title: "every day in January, for 3 years (daily form)", start: "19980101T090000",
            rule: "FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1", through: "2001-01-01",
            expected: TestSupport.dates("1998-01 1-31; 1999-01 1-31; 2000-01 1-31")),
        RFCExample(
            title: "weekly for 10 occurrences", start: "19970902T090000", rule: "FREQ=WEEKLY;COUNT=10",
            through: "1998-01-01",
            expected: TestSupport.dates("1997-09 2,9,16,23,30; 1997-10 7,14,21,28; 1997-11 4")),
        RFCExample(
            title: "weekly until December 24, 1997", start: "19970902T090000",
            rule: "FREQ=WEEKLY;UNTIL=19971224T000000Z",
            through: "1998-06-01",
            expected: TestSupport.dates(
                "1997-09 2,9,16,23,30; 1997-10 7,14,21,28; 1997-11 4,11,18,25; 1997-12 2,9,16,23")),
        RFCExample(
            title: "every other week, forever (to February 1998)", start: "19970902T090000",
            rule: "FREQ=WEEKLY;INTERVAL=2;WKST=SU",
            through: "1998-02-18",
            expected: TestSupport.dates(
                "1997-09 2,16,30; 1997-10 14,28; 1997-11 11,25; 1997-12 9,23; 1998-01 6,20; 1998-02 3,17")),
        RFCExample(
            title: "weekly on Tuesday and Thursday for five weeks (UNTIL form)", start: "19970902T090000",
            rule: "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH", through: "1998-01-01",
            expected: TestSupport.dates("1997-09 2,4,9,11,16,18,23,25,30; 1997-10 2")),
        RFCExample(
            title: "weekly on Tuesday and Thursday for five weeks (COUNT form)", start: "19970902T090000",
            rule: "FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH", through: "1998-01-01",
            expected: TestSupport.dates("1997-09 2,4,9,11,16,18,23,25,30; 1997-10 2")),
        RFCExample(
            title: "every other week on Monday, Wednesday and Friday until December 24, 1997", start: "19970901T090000",
            rule: "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR", through: "1998-06-01",
            expected: TestSupport.dates(
                "1997-09 1,3,5,15,17,19,29; 1997-10 1,3,13,15,17,27,29,31; 1997-11 10,12,14,24,26,28; 1997-12 8,10,12,22"
            )),
        RFCExample(
            title: "every other week on Tuesday and Thursday, for 8 occurrences", start: "19970902T090000",
            rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH", through: "1998-06-01",
            expected: TestSupport.dates("1997-09 2,4,16,18,30; 1997-10 2,14,16")),
        RFCExample(
            title: "monthly on the first Friday for 10 occurrences", start: "19970905T090000",
            rule: "FREQ=MONTHLY;COUNT=10;BYDAY=1FR",
            through: "1999-01-01",
            expected: TestSupport.dates(
                "1997-09 5; 1997-10 3; 1997-11 7; 1997-12 5; 1998-01 2; 1998-02 6; 1998-03 6; 1998-04 3; 1998-05 1; 1998-06 5"
            )),
        RFCExample(
            title: "monthly on the first Friday until December 24, 1997", start: "19970905T090000",
            rule: "FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR", through: "1999-01-01",
            expected: TestSupport.dates("1997-09 5; 1997-10 3; 1997-11 7; 1997-12 5")),
        RFCExample(
            title: "every other month on the first and last Sunday for 10 occurrences", start: "19970907T090000",
            rule: "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU", through: "1999-01-01",
            expected: TestSupport.dates("1997-09 7,28; 1997-11 2,30; 1998-01 4,25; 1998-03 1,29; 1998-05 3,31")),
        RFCExample(
            title: "monthly on the second-to-last Monday for 6 months", start: "19970922T090000",
            rule: "FREQ=MONTHLY;COUNT=6;BYDAY=-2MO",
            through: "1999-01-01",
            expected: TestSupport.dates("1997-09 22; 1997-10 20; 1997-11 17; 1997-12 22; 1998-01 19; 1998-02 16")),
        RFCExample(
            title: "monthly on the third-to-the-last day, forever (to March 1998)", start: "19970928T090000",
            rule: "FREQ=MONTHLY;BYMONTHDAY=-3", through: "1998-03-01",
            expected: TestSupport.dates("1997-09 28; 1997-10 29; 1997-11 28; 1997-12 29; 1998-01 29; 1998-02 26")),
        RFCExample(
            title: "monthly on the 2nd and 15th for 10 occurrences", start: "19970902T090000",
            rule: "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15",
            through: "1999-01-01",
            expected: TestSupport.dates("1997-09 2,15; 1997-10 2,15; 1997-11 2,15; 1997-12 2,15; 1998-01 2,15")),
        RFCExample(
            title: "monthly on the first and last day for 10 occurrences", start: "19970930T090000",
            rule: "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1", through: "1999-01-01",
            expected: TestSupport.dates("1997-09 30; 1997-10 1,31; 1997-11 1,30; 1997-12 1,31; 1998-01 1,31; 1998-02 1")
        ),
        RFCExample(
            title: "every 18 months on the 10th thru 15th for 10 occurrences", start: "19970910T090000",
            rule: "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15", through: "2001-01-01",
            expected: TestSupport.dates("1997-09 10-15; 1999-03 10-13")),
        RFCExample(
            title: "every Tuesday, every other month (to April 1998)", start: "19970902T090000",
            rule: "FREQ=MONTHLY;INTERVAL=2;BYDAY=TU",
            through: "1998-04-01",
            expected: TestSupport.dates(
                "1997-09 2,9,16,23,30; 1997-11 4,11,18,25; 1998-01 6,13,20,27; 1998-03 3,10,17,24,31")),
        RFCExample(
            title: "yearly in June and July for 10 occurrences", start: "19970610T090000",
            rule: "FREQ=YEARLY;COUNT=10;BYMONTH=6,7",
            through: "2010-01-01",
            expected: TestSupport.dates(
                "1997-06 10; 1997-07 10; 1998-06 10; 1998-07 10; 1999-06 10; 1999-07 10; 2000-06 10; 2000-07 10; 2001-06 10; 2001-07 10"
            )),
        RFCExample(
            title: "every other year on January, February and March for 10 occurrences", start: "19970310T090000",
            rule: "FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3", through: "2010-01-01",
            expected: TestSupport.dates(
                "1997-03 10; 1999-01 10; 1999-02 10; 1999-03 10; 2001-01 10; 2001-02 10; 2001-03 10; 2003-01 10; 2003-02 10; 2003-03 10"
            )),
        RFCExample(
            title: "every third year on the 1st, 100th and 200th day for 10 occurrences", start: "19970101T090000",
            rule: "FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200", through: "2010-01-01",
            expected: TestSupport.dates(
                "1997-01 1; 1997-04 10; 1997-07 19; 2000-01 1; 2000-04 9; 2000-07 18; 2003-01 1; 2003-04 10; 2003-07 19; 2006-01 1"
            )),
        RFCExample(
            title: "every 20th Monday of the year, forever (three years)", start: "19970519T090000",
            rule: "FREQ=YEARLY;BYDAY=20MO",
            through: "2000-01-01", expected: TestSupport.dates("1997-05 19; 1998-05 18; 1999-05 17")),
        RFCExample(
            title: "Monday of week number 20, forever (three years)", start: "19970512T090000",
            rule: "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO",
            through: "2000-01-01", expected: TestSupport.dates("1997-05 12; 1998-05 11; 1999-05 17")),
        RFCExample(
            title: "every Thursday in March, forever (three years)", start: "19970313T090000",
            rule: "FREQ=YEARLY;BYMONTH=3;BYDAY=TH",
            through: "2000-01-01",
            expected: TestSupport.dates("1997-03 13,20,27; 1998-03 5,12,19,26; 1999-03 4,11,18,25")),
        RFCExample(
            title: "every Thursday, but only during June, July and August, forever (three years)",
            start: "19970605T090000",
            rule: "FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8", through: "2000-01-01",
            expected: TestSupport.dates(
                "1997-06 5,12,19,26; 1997-07 3,10,17,24,31; 1997-08 7,14,21,28; 1998-06 4,11,18,25; 1998-07 2,9,16,23,30; 1998-08 6,13,20,27; 1999-06 3,10,17,24; 1999-07 1,8,15,22,29; 1999-08 5,12,19,26"
            )),
        RFCExample(
            title: "every Friday the 13th, forever (DTSTART excluded)", start: "19970902T090000",
            rule: "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
            through: "2001-01-01",
            expected: TestSupport.dates("1998-02 13; 1998-03 13; 1998-11 13; 1999-08 13; 2000-10 13"),
            exdate: "19970902T090000"),
        RFCExample(
            title: "the first Saturday that follows the first Sunday of the month, forever (to June 1998)",
            start: "19970913T090000",
            rule: "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13", through: "1998-07-01",
            expected: TestSupport.dates(
                "1997-09 13; 1997-10 11; 1997-11 8; 1997-12 13; 1998-01 10; 1998-02 7; 1998-03 7; 1998-04 11; 1998-05 9; 1998-06 13"
            )),
        RFCExample(
            title: "U.S. Presidential Election day, every 4 years, forever (three elections)", start: "19961105T090000",
            rule: "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", through: "2005-01-01",
            expected: TestSupport.dates("1996-11 5; 2000-11 7; 2004-11 2")),
        RFCExample(
            title: "the third instance of Tuesday, Wednesday or Thursday, for the next 3 months",
            start: "19970904T090000",
            rule: "FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3", through: "1999-01-01",
            expected: TestSupport.dates("1997-09 4; 1997-10 7; 1997-11 6")),
        RFCExample(
            title: "the second-to-last weekday of the month (to March 1998)", start: "19970929T090000",
            rule: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2", through: "1998-04-01",
            expected: TestSupport.dates(
                "1997-09 29; 1997-10 30; 1997-11 27; 1997-12 30; 1998-01 29; 1998-02 26; 1998-03 30")),
        RFCExample(
            // The RFC writes UNTIL=19970902T170000Z, which is 13:00 EDT and would stop after 12:00; its title and
            // listed dates mean 5:00 PM local, i.e. 21:00Z (the literal rule is checked separately below).
            title: "every 3 hours from 9:00 AM to 5:00 PM on a specific day", start: "19970902T090000",
            rule: "FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T210000Z", through: "1998-01-01",
            expected: ["1997-09-02 09:00", "1997-09-02 12:00", "1997-09-02 15:00"]),
        RFCExample(
            title: "every 15 minutes for 6 occurrences", start: "19970902T090000",
            rule: "FREQ=MINUTELY;INTERVAL=15;COUNT=6", through: "1998-01-01",
            expected: ["09:00", "09:15", "09:30", "09:45", "10:00", "10:15"].map { "1997-09-02 " + $0 }),
        RFCExample(
            title: "every hour and a half for 4 occurrences", start: "19970902T090000",
            rule: "FREQ=MINUTELY;INTERVAL=90;COUNT=4",
            through: "1998-01-01", expected: ["09:00", "10:30", "12:00", "13:30"].map { "1997-09-02 " + $0 }),
        RFCExample(
            title: "every 20 minutes from 9:00 AM to 4:40 PM every day (daily form, two days)",
            start: "19970902T090000",
            rule: "FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40", through: "1997-09-04",
            expected: RFC5545ExampleTests.everyTwentyMinutes),
        RFCExample(
            title: "every 20 minutes from 9:00 AM to 4:40 PM every day (minutely form, two days)",
            start: "19970902T090000",
            rule: "FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16", through: "1997-09-04",
            expected: RFC5545ExampleTests.everyTwentyMinutes),
        RFCExample(
            title: "WKST=MO: every other week on Tuesday and Sunday, 4 occurrences", start: "19970805T090000",
            rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", through: "1998-01-01",
            expected: TestSupport.dates("1997-08 5,10,19,24")),
        RFCExample(
            title: "WKST=SU: every other week on Tuesday and Sunday, 4 occurrences", start: "19970805T090000",
            rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", through: "1998-01-01",
            expected: TestSupport.dates("1997-08 5,17,19,31")),
        RFCExample(
            title: "an invalid date (February 30) is ignored", start: "20070115T090000",
            rule: "FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5",
            through: "2008-01-01", expected: TestSupport.dates("2007-01 15,30; 2007-02 15; 2007-03 15,30")),
    ]

    static let everyTwentyMinutes: [String] = ["1997-09-02", "1997-09-03"].flatMap { day in
        (9...16).flatMap { hour in [0, 20, 40].map { day + " " + String(format: "%02d:%02d", hour, $0) } }
    }

    @Test("RFC 5545 section 3.8.5.3 example", arguments: examples)
    func example(_ example: RFCExample) {
        var lines = ["DTSTART;TZID=America/New_York:" + example.start, "DURATION:PT1H", "RRULE:" + example.rule]
        if let exdate = example.exdate { lines.append("EXDATE;TZID=America/New_York:" + exdate) }
        let (found, diagnostics) = TestSupport.occurrences(
            TestSupport.calendar(lines), from: "1990-01-01T00:00:00Z", to: example.through + "T00:00:00Z")
        #expect(diagnostics.isEmpty)
        #expect(found.map { TestSupport.wallClock($0.start.sortKey, in: "America/New_York") } == example.expected)
    }

    @Test("UNTIL in UTC is compared with each instance's instant: 17:00Z is 13:00 EDT")
    func untilIsUTC() {
        let (found, _) = TestSupport.occurrences(
            TestSupport.calendar([
                "DTSTART;TZID=America/New_York:19970902T090000", "RRULE:FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z",
            ]))
        #expect(found.map(\.start.description) == ["1997-09-02T13:00:00Z", "1997-09-02T16:00:00Z"])
    }

    @Test("instants follow the zone's offset at each occurrence: EDT before 26 October 1997, EST after")
    func offsetsPerOccurrence() {
        let (found, _) = TestSupport.occurrences(
            TestSupport.calendar(["DTSTART;TZID=America/New_York:19971021T090000", "RRULE:FREQ=WEEKLY;COUNT=3"]))
        #expect(
            found.map(\.start.description) == ["1997-10-21T13:00:00Z", "1997-10-28T14:00:00Z", "1997-11-04T14:00:00Z"])
        #expect(
            found.map { $0.recurrenceID?.description } == [
                "1997-10-21T13:00:00Z", "1997-10-28T14:00:00Z", "1997-11-04T14:00:00Z",
            ])
    }
}
