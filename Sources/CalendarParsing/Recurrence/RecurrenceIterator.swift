/// Lazily expands an `RRULE` in wall-clock time (RFC 5545, 3.3.10 and 3.8.5.3), in ascending order.
///
/// Each period of the rule (a year, a month, a week, a day, an hour…) is expanded into its candidate
/// days and times, filtered by the `BY` parts, cut by `BYSETPOS`, then bounded by `COUNT` and `UNTIL`.
/// `DTSTART` is always the first instance. Impossible dates (February 30) never appear because only real
/// days are enumerated. Iteration also stops after `through` and after `maxPeriods` periods, so a rule with
/// no end, or one whose parts never match, cannot hang.
public struct RecurrenceIterator: IteratorProtocol, Sendable {
    /// The rule being expanded.
    public let rule: RecurrenceRule
    /// Whether iteration stopped at `maxPeriods` rather than at the rule's end or at `through`.
    public private(set) var hitPeriodLimit = false

    private let start: Int64
    private let untilLocal: Int64?
    private let through: Int64
    private let maxPeriods: Int
    private let monthSet: UInt16
    private let monthsOrdered: [Int]
    private let monthDays: [Int]
    private let yearDays: [Int]
    private let weekNumbers: [Int]
    private let days: [RecurrenceRule.WeekdayNum]
    /// The weekdays `days` names (bit 0 Monday), 0 when it is empty: a day on no named weekday fails `matches`
    /// whatever its ordinal, so it is skipped before its civil date is computed.
    private let weekdayMask: Int
    private let dayOrdinalsByMonth: Bool
    private let dayOrdinalsByYear: Bool
    private let hourSet: UInt32
    private let minuteSet: UInt64
    private let secondSet: UInt64
    private let hours: [Int]
    private let minutes: [Int]
    private let seconds: [Int]
    private let times: [Int64]

    private var year: Int
    private var month: Int
    private var dayCursor: Int64
    private var timeCursor: Int64
    private var startEmitted = false
    private var emitted = 0
    private var buffer: [Int64] = []
    private var index = 0
    private var finished = false
    private var periods = 0

    /// An iterator over the instances of `rule` from `start` (wall-clock seconds; midnight for a DATE start).
    ///
    /// - Parameters:
    ///   - untilLocal: `UNTIL` already converted to wall-clock seconds in the start's zone.
    ///   - through: no instance after this wall-clock time is produced.
    ///   - skipBefore: when the rule has no `COUNT`, whole periods ending before this time may be skipped.
    public init(
        rule: RecurrenceRule, start: Int64, untilLocal: Int64?, through: Int64, skipBefore: Int64? = nil,
        maxPeriods: Int = 5_000_000
    ) {
        self.rule = rule
        self.start = start
        self.untilLocal = untilLocal
        self.through = through
        self.maxPeriods = maxPeriods
        let startDay = CivilDate.floorDiv(start, 86_400)
        let startDate = CivilDate(days: startDay)
        let secondOfDay = Int(start - startDay * 86_400)
        var byMonth = rule.byMonth
        var byMonthDay = rule.byMonthDay
        var byDay = rule.byDay
        if rule.byWeekNo.isEmpty, rule.byYearDay.isEmpty, rule.byMonthDay.isEmpty, rule.byDay.isEmpty {
            switch rule.frequency {
            case .yearly:
                if byMonth.isEmpty { byMonth = [startDate.month] }
                byMonthDay = [startDate.day]
            case .monthly: byMonthDay = [startDate.day]
            case .weekly: byDay = [RecurrenceRule.WeekdayNum(weekday: CivilDate.weekday(days: startDay))]
            default: break
            }
        }
        monthSet = byMonth.reduce(0) { $0 | (1 << UInt16($1)) }
        monthsOrdered = byMonth.isEmpty ? Array(1...12) : Self.sortedUnique(byMonth)
        monthDays = byMonthDay
        yearDays = rule.byYearDay
        weekNumbers = rule.byWeekNo
        days = byDay
        weekdayMask = byDay.reduce(0) { $0 | (1 << $1.weekday) }
        dayOrdinalsByMonth = rule.frequency == .monthly || (rule.frequency == .yearly && !rule.byMonth.isEmpty)
        dayOrdinalsByYear = rule.frequency == .yearly && rule.byMonth.isEmpty && rule.byWeekNo.isEmpty
        let hoursList = rule.byHour.isEmpty ? (rule.frequency > .hourly ? [secondOfDay / 3600] : []) : rule.byHour
        let minutesList =
            rule.byMinute.isEmpty ? (rule.frequency > .minutely ? [secondOfDay / 60 % 60] : []) : rule.byMinute
        let secondsList = rule.bySecond.isEmpty ? (rule.frequency > .secondly ? [secondOfDay % 60] : []) : rule.bySecond
        hours = Self.sortedUnique(hoursList)
        minutes = Self.sortedUnique(minutesList)
        seconds = Self.sortedUnique(secondsList.map { min($0, 59) })
        hourSet = rule.byHour.reduce(0) { $0 | (1 << UInt32($1)) }
        minuteSet = rule.byMinute.reduce(0) { $0 | (1 << UInt64($1)) }
        secondSet = rule.bySecond.reduce(0) { $0 | (1 << UInt64(min($1, 59))) }
        var timeList: [Int64] = []
        if rule.frequency >= .daily {
            for h in hours { for m in minutes { for s in seconds { timeList.append(Int64(h * 3600 + m * 60 + s)) } } }
        }
        times = timeList
        year = startDate.year
        month = startDate.month
        switch rule.frequency {
        case .weekly:
            dayCursor = startDay - Int64((CivilDate.weekday(days: startDay) - rule.weekStart + 7) % 7)
        default:
            dayCursor = startDay
        }
        switch rule.frequency {
        case .hourly: timeCursor = CivilDate.floorDiv(start, 3600) * 3600
        case .minutely: timeCursor = CivilDate.floorDiv(start, 60) * 60
        default: timeCursor = start
        }
        if let skipBefore, rule.count == nil { fastForward(to: skipBefore - 8 * 86_400) }
    }

    /// The distinct values in ascending order; a list of one (the usual case) without building a set.
    private static func sortedUnique(_ values: [Int]) -> [Int] {
        values.count <= 1 ? values : Array(Set(values)).sorted()
    }

    private mutating func fastForward(to target: Int64) {
        let interval = Int64(rule.interval)
        switch rule.frequency {
        case .yearly:
            let targetYear = CivilDate(days: CivilDate.floorDiv(target, 86_400)).year - 1
            let k = Int64(targetYear - year) / interval
            if k > 0 { year += Int(k * interval) }
        case .monthly:
            let targetDate = CivilDate(days: CivilDate.floorDiv(target, 86_400))
            let k = (Int64(targetDate.year * 12 + targetDate.month - 1) - Int64(year * 12 + month - 1) - 1) / interval
            if k > 0 {
                let index = year * 12 + month - 1 + Int(k * interval)
                year = index / 12
                month = index % 12 + 1
            }
        case .weekly, .daily:
            let step = interval * (rule.frequency == .weekly ? 7 : 1)
            let k = (CivilDate.floorDiv(target, 86_400) - dayCursor) / step
            if k > 0 { dayCursor += k * step }
        case .hourly, .minutely, .secondly:
            let step = interval * unit
            let k = (target - timeCursor) / step
            if k > 0 { timeCursor += k * step }
        }
    }

    private var unit: Int64 {
        switch rule.frequency {
        case .hourly: 3600
        case .minutely: 60
        default: 1
        }
    }

    /// The next instance in wall-clock seconds, or nil at the end.
    public mutating func next() -> Int64? {
        if !startEmitted {
            startEmitted = true
            emitted = 1
            if rule.count == 0 {
                finished = true
                return nil
            }
            return start
        }
        while !finished {
            if let count = rule.count, emitted >= count {
                finished = true
                return nil
            }
            if index < buffer.count {
                let value = buffer[index]
                index += 1
                if value <= start { continue }
                if let untilLocal, value > untilLocal {
                    finished = true
                    return nil
                }
                if value > through {
                    finished = true
                    return nil
                }
                emitted += 1
                return value
            }
            let periodStart = currentPeriodStart
            if periodStart > through || untilLocal.map({ periodStart > $0 }) == true {
                finished = true
                return nil
            }
            periods += 1
            if periods > maxPeriods {
                hitPeriodLimit = true
                finished = true
                return nil
            }
            buffer.removeAll(keepingCapacity: true)
            index = 0
            fillPeriod()
        }
        return nil
    }

    private var currentPeriodStart: Int64 {
        switch rule.frequency {
        case .yearly: (CivilDate.days(year: year, month: 1, day: 1) - 7) * 86_400
        case .monthly: CivilDate.days(year: year, month: month, day: 1) * 86_400
        case .weekly, .daily: dayCursor * 86_400
        default: timeCursor
        }
    }

    /// Expands the current period into `buffer`, then moves to the next period.
    private mutating func fillPeriod() {
        let interval = rule.interval
        switch rule.frequency {
        case .yearly:
            if !weekNumbers.isEmpty {
                let first = Self.weekOneStart(year: year, weekStart: rule.weekStart)
                let last = Self.weekOneStart(year: year + 1, weekStart: rule.weekStart)
                var day = first
                while day < last {
                    let date = CivilDate(days: day)
                    if matches(day: day, date) { appendTimes(day) }
                    day += 1
                }
            } else {
                for m in monthsOrdered {
                    let base = CivilDate.days(year: year, month: m, day: 1)
                    for d in 1...CivilDate.monthLength(year: year, month: m) {
                        let day = base + Int64(d - 1)
                        guard onNamedWeekday(day) else { continue }
                        if matches(day: day, CivilDate(year: year, month: m, day: d)) { appendTimes(day) }
                    }
                }
            }
            year += interval
        case .monthly:
            if monthSet == 0 || monthSet & (1 << UInt16(month)) != 0 {
                let base = CivilDate.days(year: year, month: month, day: 1)
                for d in 1...CivilDate.monthLength(year: year, month: month) {
                    let day = base + Int64(d - 1)
                    guard onNamedWeekday(day) else { continue }
                    if matches(day: day, CivilDate(year: year, month: month, day: d)) { appendTimes(day) }
                }
            }
            let index = year * 12 + month - 1 + interval
            year = index / 12
            month = index % 12 + 1
        case .weekly:
            for k in 0..<7 {
                let day = dayCursor + Int64(k)
                guard onNamedWeekday(day) else { continue }
                if matches(day: day, CivilDate(days: day)) { appendTimes(day) }
            }
            dayCursor += Int64(7 * interval)
        case .daily:
            if onNamedWeekday(dayCursor), matches(day: dayCursor, CivilDate(days: dayCursor)) {
                appendTimes(dayCursor)
            }
            dayCursor += Int64(interval)
        case .hourly, .minutely, .secondly:
            fillSubDaily()
        }
        if !rule.bySetPos.isEmpty { applySetPositions() }
    }

    private mutating func fillSubDaily() {
        let step = Int64(rule.interval) * unit
        let t = timeCursor
        let day = CivilDate.floorDiv(t, 86_400)
        let secondOfDay = Int(t - day * 86_400)
        let hour = secondOfDay / 3600, minute = secondOfDay / 60 % 60, second = secondOfDay % 60
        func skip(to boundary: Int64) {
            let k = max(1, (boundary - t + step - 1) / step)
            timeCursor = t + k * step
        }
        guard matches(day: day, CivilDate(days: day)) else { return skip(to: (day + 1) * 86_400) }
        if hourSet != 0, hourSet & (1 << UInt32(hour)) == 0 { return skip(to: t - Int64(secondOfDay % 3600) + 3600) }
        switch rule.frequency {
        case .hourly:
            for m in minutes { for s in seconds { buffer.append(day * 86_400 + Int64(hour * 3600 + m * 60 + s)) } }
        case .minutely:
            if minuteSet != 0, minuteSet & (1 << UInt64(minute)) == 0 { return skip(to: t - Int64(second) + 60) }
            for s in seconds { buffer.append(day * 86_400 + Int64(hour * 3600 + minute * 60 + s)) }
        default:
            if minuteSet != 0, minuteSet & (1 << UInt64(minute)) == 0 { return skip(to: t - Int64(second) + 60) }
            if secondSet == 0 || secondSet & (1 << UInt64(second)) != 0 { buffer.append(t) }
        }
        timeCursor = t + step
    }

    @inline(__always)
    private mutating func appendTimes(_ day: Int64) {
        for time in times { buffer.append(day * 86_400 + time) }
    }

    private mutating func applySetPositions() {
        let all = buffer
        var picked: [Int64] = []
        for position in rule.bySetPos {
            let index = position > 0 ? position - 1 : all.count + position
            if index >= 0, index < all.count { picked.append(all[index]) }
        }
        buffer = Array(Set(picked)).sorted()
    }

    @inline(__always)
    private func onNamedWeekday(_ day: Int64) -> Bool {
        weekdayMask == 0 || weekdayMask & (1 << CivilDate.weekday(days: day)) != 0
    }

    /// Whether a day passes `BYMONTH`, `BYWEEKNO`, `BYYEARDAY`, `BYMONTHDAY` and `BYDAY`.
    @inline(__always)
    private func matches(day: Int64, _ date: CivilDate) -> Bool {
        if monthSet != 0, monthSet & (1 << UInt16(date.month)) == 0 { return false }
        if !weekNumbers.isEmpty {
            let (number, weeksInYear) = Self.weekNumber(day: day, weekStart: rule.weekStart)
            guard weekNumbers.contains(where: { $0 == number || $0 == number - weeksInYear - 1 }) else { return false }
        }
        if !yearDays.isEmpty {
            let yearDay = Int(day - CivilDate.days(year: date.year, month: 1, day: 1)) + 1
            let length = CivilDate.isLeap(date.year) ? 366 : 365
            guard yearDays.contains(where: { $0 == yearDay || $0 == yearDay - length - 1 }) else { return false }
        }
        if !monthDays.isEmpty {
            let length = CivilDate.monthLength(year: date.year, month: date.month)
            guard monthDays.contains(where: { $0 == date.day || $0 == date.day - length - 1 }) else { return false }
        }
        if !days.isEmpty {
            let weekday = CivilDate.weekday(days: day)
            var ok = false
            for item in days where item.weekday == weekday {
                if item.ordinal == 0 {
                    ok = true
                } else if dayOrdinalsByMonth {
                    let length = CivilDate.monthLength(year: date.year, month: date.month)
                    ok = item.ordinal == (date.day - 1) / 7 + 1 || item.ordinal == -((length - date.day) / 7 + 1)
                } else if dayOrdinalsByYear {
                    let yearDay = Int(day - CivilDate.days(year: date.year, month: 1, day: 1)) + 1
                    let length = CivilDate.isLeap(date.year) ? 366 : 365
                    ok = item.ordinal == (yearDay - 1) / 7 + 1 || item.ordinal == -((length - yearDay) / 7 + 1)
                } else {
                    ok = true
                }
                if ok { break }
            }
            if !ok { return false }
        }
        return true
    }

    /// The first day of week 1 of `year`: the week (starting on `weekStart`) with at least four days in it.
    static func weekOneStart(year: Int, weekStart: Int) -> Int64 {
        let january1 = CivilDate.days(year: year, month: 1, day: 1)
        let position = (CivilDate.weekday(days: january1) - weekStart + 7) % 7
        return position <= 3 ? january1 - Int64(position) : january1 + Int64(7 - position)
    }

    /// A day's week number in its week-numbering year, and how many weeks that year has.
    static func weekNumber(day: Int64, weekStart: Int) -> (number: Int, weeks: Int) {
        var year = CivilDate(days: day).year
        var first = weekOneStart(year: year, weekStart: weekStart)
        if day < first {
            year -= 1
            first = weekOneStart(year: year, weekStart: weekStart)
        } else {
            let next = weekOneStart(year: year + 1, weekStart: weekStart)
            if day >= next {
                year += 1
                first = next
            }
        }
        let weeks = Int(weekOneStart(year: year + 1, weekStart: weekStart) - first) / 7
        return (Int(day - first) / 7 + 1, weeks)
    }
}
