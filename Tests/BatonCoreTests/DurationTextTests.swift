import BatonCore
import Testing

@Suite struct DurationTextTests {
    @Test("Below a minute a duration prints in seconds, zero as 0s")
    func seconds() {
        #expect(DurationText.format(0) == "0s")
        #expect(DurationText.format(1) == "1s")
        #expect(DurationText.format(59) == "59s")
    }

    @Test("From a minute on it rounds to the nearest minute, half up")
    func minutes() {
        #expect(DurationText.format(60) == "1m")
        #expect(DurationText.format(89) == "1m")
        #expect(DurationText.format(90) == "2m")
        #expect(DurationText.format(2_700) == "45m")
        #expect(DurationText.format(3_569) == "59m")
        #expect(DurationText.format(3_570) == "1h 00m")
    }

    @Test("Hours print with two-digit minutes, however many hours")
    func hours() {
        #expect(DurationText.format(7_500) == "2h 05m")
        #expect(DurationText.format(10_800) == "3h 00m")
        #expect(DurationText.format(43_200 + 35 * 60) == "12h 35m")
        #expect(DurationText.format(100 * 3_600 + 29) == "100h 00m")
    }

    @Test("Calendar time prints days and two-digit hours from 48 hours on, rounded to the hour")
    func calendarDays() {
        #expect(DurationText.format(47 * 3_600 + 59 * 60, calendar: true) == "47h 59m")
        #expect(DurationText.format(48 * 3_600, calendar: true) == "2d 00h")
        #expect(DurationText.format(76 * 3_600 + 1_799, calendar: true) == "3d 04h")
        #expect(DurationText.format(76 * 3_600 + 1_800, calendar: true) == "3d 05h")
        #expect(DurationText.format(14 * 86_400 + 10 * 3_600, calendar: true) == "14d 10h")
        #expect(DurationText.format(76 * 3_600, calendar: false) == "76h 00m")
    }

    @Test("A negative duration prints with a leading minus")
    func negative() {
        #expect(DurationText.format(-40) == "-40s")
        #expect(DurationText.format(-7_500) == "-2h 05m")
    }
}
