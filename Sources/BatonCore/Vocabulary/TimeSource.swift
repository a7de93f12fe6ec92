/// Where a message's time came from, as `messages.time_source` spells it.
public enum TimeSource: String, Sendable, CaseIterable, Codable {
    /// The `Date` header.
    case date
    /// The mbox `From ` separator line.
    case fromLine = "from_line"
    /// The Maildir delivery time.
    case delivery
    /// An inline-forwarded original's date, read in the forwarding rep's zone.
    case forward
    /// None found: the scan's time.
    case scan
}
