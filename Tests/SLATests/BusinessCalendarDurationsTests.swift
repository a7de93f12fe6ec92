import BatonCore
import Foundation
import Testing

@testable import SLA

/// London, mon-fri 09:00-17:30, November 2026 (GMT, so local time reads as UTC). Fri 20th, Mon 23rd.
@Suite struct BusinessCalendarDurationsTests {
    typealias F = BusinessTimeFixtures

    @Test(
        "a business target adds working time, days keep the local time and weeks are five working days",
        arguments: [
            // Fri 15:00-17:30 is 2 h 30; the remaining 1 h 30 runs Mon 09:00-10:30. (Monday 11:30 is the
            // answer for a lead arriving at 16:00: 1 h 30 on Friday, 2 h 30 on Monday.)
            ("4h", "2026-11-20T15:00:00Z", "2026-11-23T10:30:00Z"),
            ("4h", "2026-11-20T16:00:00Z", "2026-11-23T11:30:00Z"),
            // Saturday: counting starts at Monday's opening.
            ("4h", "2026-11-21T10:00:00Z", "2026-11-23T13:00:00Z"),
            // Ending exactly at closing time stays at closing time.
            ("4h", "2026-11-20T13:30:00Z", "2026-11-20T17:30:00Z"),
            // Thursday 20:00: Friday's opening plus 30 min.
            ("30m", "2026-11-19T20:00:00Z", "2026-11-20T09:30:00Z"),
            // Nothing to add: the start itself, even outside hours.
            ("0h", "2026-11-21T10:00:00Z", "2026-11-21T10:00:00Z"),
            // 1d from Friday 16:00: Monday, same local time.
            ("1d", "2026-11-20T16:00:00Z", "2026-11-23T16:00:00Z"),
            // 1d from Saturday 10:00: starts at Monday 09:00, so Tuesday 09:00.
            ("1d", "2026-11-21T10:00:00Z", "2026-11-24T09:00:00Z"),
            // 1d from Wednesday 20:00: starts Thursday 09:00, so Friday 09:00.
            ("1d", "2026-11-18T20:00:00Z", "2026-11-20T09:00:00Z"),
            // 1d from Friday's closing instant (not working time): Monday 09:00, so Tuesday 09:00.
            ("1d", "2026-11-20T17:30:00Z", "2026-11-24T09:00:00Z"),
            ("0d", "2026-11-21T10:00:00Z", "2026-11-23T09:00:00Z"),
            // 1w: five working days, Monday to Monday.
            ("1w", "2026-11-23T09:00:00Z", "2026-11-30T09:00:00Z"),
            // 2w from Wed 18th 10:15: Thu 19, Fri 20, Mon 23 … Tue 1 Dec, Wed 2 Dec is the tenth working day.
            ("2w", "2026-11-18T10:15:00Z", "2026-12-02T10:15:00Z"),
        ])
    func business(target: String, start: String, expected: String) throws {
        #expect(try F.add(target, to: start, in: F.london()) == expected)
    }

    @Test(
        "a calendar target is absolute time",
        arguments: [
            ("4h", "2026-11-20T15:00:00Z", "2026-11-20T19:00:00Z"),
            ("1d", "2026-11-20T16:00:00Z", "2026-11-21T16:00:00Z"),
            ("1w", "2026-11-20T16:00:00Z", "2026-11-27T16:00:00Z"),
        ])
    func calendar(target: String, start: String, expected: String) throws {
        #expect(try F.add(target, to: start, in: F.london(), basis: .calendar) == expected)
    }

    @Test("across the spring-forward change, calendar 1d is 24 h while business 1d keeps the wall-clock time")
    func calendarDayAcrossDST() throws {
        // London every day 09:00-17:30. Sat 2026-03-28 12:00 GMT is 12:00Z; clocks go forward on Sunday 29th.
        let c = try F.everyDay("Europe/London", "09:00-17:30")
        // 24 h later is 13:00 BST.
        #expect(try F.add("1d", to: "2026-03-28T12:00:00Z", in: c, basis: .calendar) == "2026-03-29T12:00:00Z")
        // Sunday 12:00 BST is 11:00Z: 23 h of real time.
        #expect(try F.add("1d", to: "2026-03-28T12:00:00Z", in: c) == "2026-03-29T11:00:00Z")
    }

    @Test("a day target landing on a half day stops at that day's closing")
    func dayOnHalfDay() throws {
        let c = try F.calendar(BusinessCalendarTests.christmas)
        // Wed 23rd 16:00 + 1d: Thu 24th works 09:00-13:00 only, so its closing, 13:00.
        #expect(try F.add("1d", to: "2026-12-23T16:00:00Z", in: c) == "2026-12-24T13:00:00Z")
        // Thu 24th 10:00 + 1d: 25th and 26th off, week-end: Monday 28th 10:00.
        #expect(try F.add("1d", to: "2026-12-24T10:00:00Z", in: c) == "2026-12-28T10:00:00Z")
        // Mon 21st 10:00 + 1w: Tue 22, Wed 23, Thu 24 (a half day still counts), Mon 28, Tue 29.
        #expect(try F.add("1w", to: "2026-12-21T10:00:00Z", in: c) == "2026-12-29T10:00:00Z")
    }

    @Test("lateness is the working time from the due time to the stop, negative when early")
    func lateness() throws {
        let c = try F.london()
        let due = try F.at("2026-11-23T10:30:00Z")
        // Mon 10:30-17:30 (7 h) + Tue 09:00-09:15.
        #expect(c.elapsedSeconds(from: due, to: try F.at("2026-11-24T09:15:00Z"), basis: .business) == 26_100)
        #expect(c.workingSeconds(from: due, to: try F.at("2026-11-24T09:15:00Z")) == 26_100)
        #expect(c.elapsedSeconds(from: due, to: try F.at("2026-11-23T09:30:00Z"), basis: .business) == -3600)
        // 22 h 45 of absolute time.
        #expect(c.elapsedSeconds(from: due, to: try F.at("2026-11-24T09:15:00Z"), basis: .calendar) == 81_900)
    }

    @Test(
        "a pause pushes the due time back by its working time",
        arguments: [
            // Fri 16:00-17:00 is 1 h of working time: Mon 10:30 becomes 11:30.
            ("2026-11-20T16:00:00Z", "2026-11-20T17:00:00Z", "2026-11-23T11:30:00Z"),
            // A pause over the week-end alone costs nothing.
            ("2026-11-21T10:00:00Z", "2026-11-22T18:00:00Z", "2026-11-23T10:30:00Z"),
            // A pause across the due time: Mon 10:00-17:30 + Tue 09:00-12:00 = 10 h 30; 10:30 + 7 h reaches Monday's
            // closing, 3 h 30 more is Tuesday 12:30 — the 30 min that were left when the pause began.
            ("2026-11-23T10:00:00Z", "2026-11-24T12:00:00Z", "2026-11-24T12:30:00Z"),
            // An empty pause changes nothing.
            ("2026-11-20T16:00:00Z", "2026-11-20T16:00:00Z", "2026-11-23T10:30:00Z"),
        ])
    func pause(from: String, until: String, expected: String) throws {
        let pushed = try F.london().pushingBack(
            F.at("2026-11-23T10:30:00Z"), pausedFrom: F.at(from), until: F.at(until), basis: .business)
        #expect(Timestamp.format(epochSeconds: pushed) == expected)
    }

    @Test("in calendar time a pause pushes the due time back by its length")
    func calendarPause() throws {
        // Sat 10:00 to Sun 18:00 is 32 h.
        let pushed = try F.london().pushingBack(
            F.at("2026-11-23T10:30:00Z"), pausedFrom: F.at("2026-11-21T10:00:00Z"),
            until: F.at("2026-11-22T18:00:00Z"), basis: .calendar)
        #expect(Timestamp.format(epochSeconds: pushed) == "2026-11-24T18:30:00Z")
    }

    @Test(
        "the warning instant is the fraction of the target's working time after the start",
        arguments: [
            // 0.75 × 4 h = 3 h: Fri 15:00-17:30, then Mon 09:00-09:30.
            ("4h", "2026-11-20T15:00:00Z", 0.75, "2026-11-23T09:30:00Z"),
            // 1d from Fri 16:00 is due Mon 16:00: 1 h 30 + 7 h = 30 600 s; 0.75 of it is 22 950 s = 6 h 22 min 30 s:
            // 1 h 30 on Friday, 4 h 52 min 30 s from Monday 09:00.
            ("1d", "2026-11-20T16:00:00Z", 0.75, "2026-11-23T13:52:30Z"),
            // The whole target is the due time itself.
            ("1d", "2026-11-20T16:00:00Z", 1.0, "2026-11-23T16:00:00Z"),
            ("4h", "2026-11-20T15:00:00Z", 1.0, "2026-11-23T10:30:00Z"),
        ])
    func warning(target: String, start: String, fraction: Double, expected: String) throws {
        let warn = try F.london().instant(
            atFraction: fraction, of: F.duration(target), from: F.at(start), basis: .business)
        #expect(Timestamp.format(epochSeconds: warn) == expected)
    }

    @Test("in calendar time the warning instant is the fraction of the absolute length")
    func calendarWarning() throws {
        let warn = try F.london().instant(
            atFraction: 0.75, of: F.duration("1d"), from: F.at("2026-11-20T16:00:00Z"), basis: .calendar)
        #expect(Timestamp.format(epochSeconds: warn) == "2026-11-21T10:00:00Z")
    }

    @Test("the warning instant for a half-day due time lies within the half day")
    func warningOnHalfDay() throws {
        let c = try F.calendar(BusinessCalendarTests.christmas)
        // Due Thu 24th 13:00; working time Wed 16:00-17:30 + Thu 09:00-13:00 = 5 h 30; 0.75 is 4 h 07 min 30 s:
        // 1 h 30 on Wednesday, 2 h 37 min 30 s from Thursday 09:00.
        let warn = try c.instant(
            atFraction: 0.75, of: F.duration("1d"), from: F.at("2026-12-23T16:00:00Z"), basis: .business)
        #expect(Timestamp.format(epochSeconds: warn) == "2026-12-24T11:37:30Z")
    }

    @Test("negative durations are refused")
    func negative() throws {
        let c = try F.london()
        let start = try F.at("2026-11-20T15:00:00Z")
        #expect(throws: BusinessTimeError.negativeDuration(seconds: -3600)) {
            try c.add(DurationSpec(amount: -1, unit: .hours), to: start, basis: .business)
        }
        #expect(throws: BusinessTimeError.negativeDuration(seconds: -5)) { try c.addingWorkingSeconds(-5, to: start) }
    }
}
