import BatonCore

/// `baton inspect mail PATH`: JSON Lines, one parsed message a line (DESIGN.md).
enum InspectMailCommand: BatonCommand {
    static let path = ["inspect", "mail"]
    static let arguments = "PATH"
    static let summary = "parse a Maildir, a folder of messages, an mbox or one message; JSON Lines"
    static let options: [OptionSpec] = []
    static func run(_ invocation: Invocation) throws -> ExitCode { throw CommandUnavailable(path: path) }
}
