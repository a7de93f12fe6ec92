import BatonCore
import MailParsing

/// `baton inspect mail PATH`: JSON Lines, one parsed message a line.
enum InspectMailCommand: BatonCommand {
    static let path = ["inspect", "mail"]
    static let arguments = "PATH"
    static let summary = "parse a Maildir, a folder of messages, an mbox or one message; JSON Lines"
    static let options: [OptionSpec] = []

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let path = invocation.resolve(try invocation.onePositional("PATH"))
        var index = 0
        var notMail = 0
        do {
            try MailSource.read(path: path) { location, result in
                let line: JSONValue
                switch result {
                case .success(let bytes):
                    let message = MessageParser.parse(bytes)
                    if message.hasHeaders {
                        line = json(message, index: index, location: location, error: nil)
                    } else {
                        notMail += 1
                        // An Outlook file that cannot be read says why; anything else is simply not mail.
                        let reason =
                            message.diagnostics.first { $0.code == .unreadableOutlookMessage }?.detail
                            ?? "not a mail message: no header field"
                        line = json(nil, index: index, location: location, error: reason)
                    }
                    if invocation.verbose {
                        for d in message.diagnostics {
                            invocation.err.line("baton: \(location.path)@\(location.offset): \(d)")
                        }
                    }
                case .failure(let error):
                    line = json(nil, index: index, location: location, error: error.description)
                }
                invocation.out.line(line.serialized)
                index += 1
            }
        } catch {
            throw InspectMailError(underlying: error)
        }
        // A file that is not mail at all is bad input (65); in a mailbox it is one broken message.
        if notMail > 0, index == 1, (try? MailSource.kind(of: path)) == .file { return .dataError }
        return .ok
    }

    /// One message as `baton inspect mail` prints it, keys in a fixed order that scripts may rely on. A message
    /// that could not be read keeps every key (null or empty) and adds `error`; an Exchange journal report adds
    /// `journal` (its envelope, and why a journal source could not use it) before `source`.
    static func json(_ m: MailMessage?, index: Int, location: MailSource.Location, error: String?) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("index", .int(index))]
        pairs += fields(m ?? MailMessage(), parsed: m != nil)
        pairs.append(("forwarded", .array((m?.forwarded ?? []).map { .object(fields($0, parsed: true)) })))
        if let m, JournalCopy.isReport(m) { pairs.append(("journal", journal(m))) }
        pairs.append(
            (
                "source",
                .object([
                    ("path", .string(location.path)), ("offset", .int(location.offset)),
                    ("length", .int(location.length)),
                ])
            ))
        if let error { pairs.append(("error", .string(error))) }
        return .object(pairs)
    }

    /// The keys a message and each forwarded original share, from `message_id` to `kind`. Forwarded originals
    /// are listed flat on the outer message (every embedded original, in order), so they carry no
    /// `forwarded`, `index` or `source` of their own.
    static func fields(_ m: MailMessage, parsed: Bool) -> [(String, JSONValue)] {
        [
            ("message_id", .string(m.messageID)),
            // A date without a zone (an inline forward's local time) is printed as if it were UTC; ingestion
            // reads the same wall-clock time in the rep's zone.
            ("date", m.date.map { .string(Timestamp.format(epochSeconds: $0.secondsSinceEpoch)) } ?? .null),
            ("from", addresses(m.from)),
            ("to", addresses(m.to)),
            ("cc", addresses(m.cc)),
            ("reply_to", addresses(m.replyTo)),
            ("subject", .string(m.subject)),
            ("in_reply_to", .array(m.inReplyTo.map { .string($0) })),
            ("references", .array(m.references.map { .string($0) })),
            ("text", .string(m.text)),
            ("html_text", .string(m.htmlText)),
            (
                "attachments",
                .array(
                    m.attachments.map {
                        .object([
                            ("filename", .string($0.filename)), ("content_type", .string($0.contentType)),
                            ("size", .int($0.size)),
                        ])
                    })
            ),
            ("kind", parsed ? .string(m.kind.rawValue) : .null),
        ]
    }

    static func addresses(_ list: [MailAddress]) -> JSONValue {
        .array(list.map { .object([("name", .string($0.name)), ("address", .string($0.address))]) })
    }
}

/// A mail container that could not be read: 66 when it does not exist, 65 when it cannot be read at all.
struct InspectMailError: CommandLineError {
    let underlying: MailSourceError
    var exitCode: ExitCode {
        if case .notFound = underlying { return .noInput }
        return .dataError
    }
    var description: String { underlying.description }
}
