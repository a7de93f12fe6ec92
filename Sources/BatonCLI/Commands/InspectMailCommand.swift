import BatonCore
import Foundation
import MailParsing

/// `baton inspect mail PATH`: JSON Lines, one parsed message a line.
enum InspectMailCommand: BatonCommand {
    static let path = ["inspect", "mail"]
    static let arguments = "PATH"
    static let summary = "parse a Maildir, a folder of messages, an mbox or one message; JSON Lines"
    static let options: [OptionSpec] = []

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let path = invocation.resolve(try invocation.onePositional("PATH"))
        let out = invocation.out
        // Parsing and the JSON run on one worker per core while this thread reads the container and writes
        // the lines, in container order.
        let pipeline = InspectMailPipeline(
            workers: ProcessInfo.processInfo.activeProcessorCount, verbose: invocation.verbose)
        func emit(_ chunk: InspectMailPipeline.Chunk) {
            chunk.output.withUnsafeBytes { out.write(bytes: $0) }
            for line in chunk.diagnostics { invocation.err.line(line) }
        }
        var failure: MailSourceError?
        do throws(MailSourceError) {
            try MailSource.read(path: path) { location, result in pipeline.add(location, result, emit: emit) }
        } catch {
            failure = error
        }
        pipeline.finish(emit: emit)
        if let failure { throw InspectMailError(underlying: failure) }
        // A file that is not mail at all is bad input (65); in a mailbox it is one broken message.
        if pipeline.notMail > 0, pipeline.count == 1, (try? MailSource.kind(of: path)) == .file { return .dataError }
        return .ok
    }

    /// One message as `baton inspect mail` prints it, keys in a fixed order that scripts may rely on. A message
    /// that could not be read keeps every key (null or empty) and adds `error`; an Exchange journal report adds
    /// `journal` (its envelope, and why a journal source could not use it) before `source`.
    static func write(
        _ m: MailMessage?, index: Int, location: MailSource.Location, error: String?, to w: JSONByteWriter
    ) {
        w.beginObject()
        w.key("index")
        w.int(index)
        fields(m ?? MailMessage(), parsed: m != nil, to: w)
        w.key("forwarded")
        w.beginArray()
        for original in m?.forwarded ?? [] {
            w.beginObject()
            fields(original, parsed: true, to: w)
            w.endObject()
        }
        w.endArray()
        if let m, JournalCopy.isReport(m) {
            w.key("journal")
            w.value(journal(m))
        }
        w.key("source")
        w.beginObject()
        w.key("path")
        w.string(location.path)
        w.key("offset")
        w.int(location.offset)
        w.key("length")
        w.int(location.length)
        w.endObject()
        if let error {
            w.key("error")
            w.string(error)
        }
        w.endObject()
    }

    /// The keys a message and each forwarded original share, from `message_id` to `kind`. Forwarded originals
    /// are listed flat on the outer message (every embedded original, in order), so they carry no
    /// `forwarded`, `index` or `source` of their own.
    static func fields(_ m: MailMessage, parsed: Bool, to w: JSONByteWriter) {
        w.key("message_id")
        w.string(m.messageID)
        // A date without a zone (an inline forward's local time) is printed as if it were UTC; ingestion
        // reads the same wall-clock time in the rep's zone.
        w.key("date")
        w.time(epochSeconds: m.date?.secondsSinceEpoch)
        w.key("from")
        addresses(m.from, to: w)
        w.key("to")
        addresses(m.to, to: w)
        w.key("cc")
        addresses(m.cc, to: w)
        w.key("reply_to")
        addresses(m.replyTo, to: w)
        w.key("subject")
        w.string(m.subject)
        w.key("in_reply_to")
        strings(m.inReplyTo, to: w)
        w.key("references")
        strings(m.references, to: w)
        w.key("text")
        w.string(m.text)
        w.key("html_text")
        w.string(m.htmlText)
        w.key("attachments")
        w.beginArray()
        for attachment in m.attachments {
            w.beginObject()
            w.key("filename")
            w.string(attachment.filename)
            w.key("content_type")
            w.string(attachment.contentType)
            w.key("size")
            w.int(attachment.size)
            w.endObject()
        }
        w.endArray()
        w.key("kind")
        w.string(parsed ? m.kind.rawValue : nil)
    }

    static func strings(_ list: [String], to w: JSONByteWriter) {
        w.beginArray()
        for item in list { w.string(item) }
        w.endArray()
    }

    static func addresses(_ list: [MailAddress], to w: JSONByteWriter) {
        w.beginArray()
        for address in list {
            w.beginObject()
            w.key("name")
            w.string(address.name)
            w.key("address")
            w.string(address.address)
            w.endObject()
        }
        w.endArray()
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
