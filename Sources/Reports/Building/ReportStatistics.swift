import BatonCore
import SLA

/// The few statistics the report uses, defined once so every section computes them alike.
public enum ReportStatistics {
    /// The nearest-rank percentile `p` (0 < p ≤ 100) of `values`: the value at rank ⌈p/100 × n⌉ (1-based) of the
    /// sorted list; nil for an empty list.
    public static func nearestRank(_ values: [Int64], percentile p: Int) -> Int64? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        // Integer ceiling of p × n / 100, so 50% of 4 values is rank 2 exactly.
        let rank = max(1, (p * sorted.count + 99) / 100)
        return sorted[min(rank, sorted.count) - 1]
    }

    /// `part ÷ whole`, nil when `whole` is 0.
    public static func share(_ part: Int, of whole: Int) -> Double? {
        whole == 0 ? nil : Double(part) / Double(whole)
    }

    /// Whether an episode went past its due time without being met in time: breached now, met late, or cancelled
    /// after its due time.
    public static func wentLate(_ episode: ClockEpisode) -> Bool {
        switch episode.state {
        case .breached, .metLate: true
        case .cancelled: (episode.stoppedAt ?? episode.dueAt) > episode.dueAt
        default: false
        }
    }

    /// Met ÷ (met + met late + breached + cancelled after the due time); nil when that sum is 0.
    public static func withinTarget(_ episodes: [ClockEpisode]) -> Double? {
        let met = episodes.filter { $0.state == .met }.count
        return share(met, of: met + episodes.filter(wentLate).count)
    }

    /// The first-response bucket of an answered episode's elapsed time: `<1h` below one hour, `1-4h` up to and
    /// including four hours (a 4h target met on the dot is in it), `4-24h` up to and including 24 hours, `>24h`.
    public static func bucket(_ seconds: Int64) -> String {
        if seconds < 3_600 { return "<1h" }
        if seconds <= 14_400 { return "1-4h" }
        if seconds <= 86_400 { return "4-24h" }
        return ">24h"
    }

    /// The buckets in order.
    public static let buckets = ["<1h", "1-4h", "4-24h", ">24h"]
}
