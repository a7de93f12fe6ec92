import BatonCore
import Foundation

/// A calendar month or quarter in a zone: its first instant, the next one's, and its label (`2026-11`,
/// `2026-Q4`).
struct CalendarSpan {
    let start: Int64
    let end: Int64
    let label: String

    /// The span of `months` months (1: a month; 3: a quarter, starting January, April, July or October) holding
    /// `instant` read in `zone`.
    init(containing instant: Int64, months: Int, zone: TimeZone) {
        let local = ZonedTime.localSeconds(of: instant, in: zone)
        let date = Timestamp.civilDate(fromDays: ISOWeekCalendar.floorDiv(local, 86_400))
        let firstMonth = (date.month - 1) / months * months + 1
        let nextMonth = firstMonth + months
        let nextYear = date.year + (nextMonth - 1) / 12
        func monthStart(_ year: Int, _ month: Int) -> Int64 {
            ZonedTime.instant(localSeconds: Timestamp.days(year: year, month: month, day: 1) * 86_400, in: zone)
        }
        start = monthStart(date.year, firstMonth)
        end = monthStart(nextYear, (nextMonth - 1) % 12 + 1)
        let year = String(format: "%04d", date.year)
        label =
            months == 3
            ? "\(year)-Q\((firstMonth - 1) / 3 + 1)" : "\(year)-" + (firstMonth < 10 ? "0" : "") + String(firstMonth)
    }

    /// The share of the span elapsed at `instant`, from 0 to 1.
    func elapsed(at instant: Int64) -> Double {
        guard end > start else { return 1 }
        return Double(min(max(instant - start, 0), end - start)) / Double(end - start)
    }
}
