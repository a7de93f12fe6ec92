// Temporary: the real `ReportHTML` is written on another branch (`Sources/Reports/HTML/`); delete at the merge.

/// Placeholder for the HTML renderer, so `baton report --format html` compiles on this branch.
public enum ReportHTML {
    /// Renders nothing until the real renderer lands.
    public static func render(_ report: Report) -> String { "" }
}
