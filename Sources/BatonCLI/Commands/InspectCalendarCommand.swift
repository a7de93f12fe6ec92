import BatonCore

/// `baton inspect calendar PATH`: JSON Lines, one event occurrence a line (DESIGN.md).
enum InspectCalendarCommand: BatonCommand {
    static let path = ["inspect", "calendar"]
    static let arguments = "PATH"
    static let summary = "parse an .ics file; JSON Lines, one event occurrence a line"
    static let options: [OptionSpec] = [
        .value("from", "ISO", "window start (default: a year before --now)"),
        .value("to", "ISO", "window end (default: a year after --now)"),
    ]
    static func run(_ invocation: Invocation) throws -> ExitCode { throw CommandUnavailable(path: path) }
}
