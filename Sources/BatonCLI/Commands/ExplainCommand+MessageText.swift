import BatonCore
import Foundation
import Ingest
import MailParsing
import SLA
import Store

extension ExplainCommand {
    static let timeSources: [TimeSource: String] = [
        .date: "from its Date header",
        .fromLine: "from the mbox From line: the Date header was missing or absurd",
        .delivery: "the Maildir delivery time: the Date header was missing or absurd",
        .forward: "the forwarded original's date, read in the forwarding rep's zone",
        .scan: "the scan's time: no usable date anywhere",
    ]

    static func render(
        _ messages: [ExplainedMessage], file: MessageFileReading?, query: String, context: MessageContext,
        invocation: Invocation
    ) {
        if invocation.json {
            var pairs: [(String, JSONValue)] = [
                ("resolved_as", .string(file == nil ? "message_id" : "file")), ("query", .string(query)),
            ]
            if let file {
                pairs.append(
                    (
                        "file",
                        .object([
                            ("path", .string(file.path)), ("container", .string(file.container.rawValue)),
                            ("messages_in_container", .int(file.count)), ("source", .string(file.sourcePath)),
                            ("source_type", .string(file.source?.type.rawValue)),
                            ("forwarded_by", .string(file.forwardedBy)),
                            ("notes", .array(file.notes.map { .string($0) })),
                        ])
                    ))
            }
            pairs.append(("messages", .array(messages.map { json($0, context: context) })))
            invocation.out.line(JSONValue.object(pairs).pretty)
            return
        }
        var out: [String] = []
        func line(_ text: String, _ lead: String = "", hang: Int? = nil) {
            out += WrappedText.lines(text, lead: lead, hang: hang)
        }
        if let file {
            line(file.path, "file: ")
            if let source = file.source, let sourcePath = file.sourcePath {
                line(
                    "\(source.type.rawValue) \(sourcePath)" + (source.rep.map { " (rep \($0))" } ?? ""), "source: ")
            }
            for note in file.notes { line(note, "note: ") }
            if messages.count > 1 { line("\(messages.count) messages follow") }
        }
        for (n, m) in messages.enumerated() {
            if n > 0 || file != nil { out.append("") }
            out += text(m, context: context)
        }
        for text in out { invocation.out.line(text) }
    }

    /// `Name <address>, address`.
    static func people(_ m: MessageRecord, _ role: ParticipantRole) -> String {
        let list = m.participants.filter { $0.role == role }.map { p in
            p.name.map { "\($0) <\(p.address)>" } ?? p.address
        }
        return list.isEmpty ? "-" : list.joined(separator: ", ")
    }

    static func text(_ m: ExplainedMessage, context: MessageContext) -> [String] {
        var out: [String] = []
        func line(_ text: String, _ label: String = "", width: Int = 13) {
            let lead = label.isEmpty ? "" : (label + ":").padding(toLength: width, withPad: " ", startingAt: 0)
            out += WrappedText.lines(text, lead: "  " + lead)
        }
        let r = m.record
        out.append("message " + (r.messageID.map { "<\($0)>" } ?? "without a Message-ID"))
        line(r.dedupeKey, "dedupe key")
        line(
            (r.sentAt.map { Timestamp.format(epochSeconds: $0) } ?? "-") + ", "
                + (timeSources[r.timeSource] ?? r.timeSource.rawValue), "time")
        if let date = m.parsed?.date, r.timeSource != .date {
            line(
                Timestamp.format(epochSeconds: date.secondsSinceEpoch) + (date.hasZone ? "" : " (no zone)"),
                "Date header")
        }
        line(people(r, .from), "from")
        line(people(r, .to), "to")
        if r.participants.contains(where: { $0.role == .cc }) { line(people(r, .cc), "cc") }
        if r.participants.contains(where: { $0.role == .bcc }) { line(people(r, .bcc), "bcc") }
        line(r.subject.map { "\"\($0)\"" } ?? "-", "subject")
        let reasons = m.parsed.map(kindReasons) ?? ["(headers not at hand: no sighting's file is left)"]
        line(r.kind.rawValue + ": " + reasons.joined(separator: "; "), "kind")
        if !r.refs.isEmpty { line(r.refs.joined(separator: " "), "references") }
        if let mailbox = r.mailboxRep { line(mailbox, "mailbox of") }

        if let stored = m.stored {
            out.append(
                "scanned at \(Timestamp.format(epochSeconds: stored.scannedAt)); seen in \(stored.sightings.count) "
                    + "place\(stored.sightings.count == 1 ? "" : "s"):")
            for s in stored.sightings {
                out += WrappedText.lines("\(s.source) \(s.location)", lead: "  ", hang: 4)
            }
            out += WrappedText.lines(
                stored.record.outcome.rawValue + (stored.record.outcomeDetail.map { ": \($0)" } ?? ""),
                lead: "outcome at scan: ", hang: 2)
        } else {
            out += WrappedText.lines(
                "never scanned: no stored message has its dedupe key. Is its mailbox configured as a source, and has "
                    + "baton scan run since it arrived?")
            if let location = m.location { out.append("  (a scan would record it at \(location))") }
        }

        out.append("matching now, with today's leads and reps:")
        for step in m.rematch.steps {
            out += WrappedText.lines(
                step.text,
                lead: "  " + step.rule.padding(toLength: 12, withPad: " ", startingAt: 0)
                    + step.verdict.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0), hang: 25)
        }
        let result = m.rematch.result
        var verdict = "→ \(result.outcome.rawValue)" + (result.detail.isEmpty ? "" : ": \(result.detail)")
        if let direction = m.rematch.direction, result.outcome == .matched {
            verdict +=
                "; \(direction.rawValue), rep \(m.rematch.rep ?? "each lead's owner") (\(m.rematch.repReason ?? "-"))"
        }
        out += WrappedText.lines(verdict, lead: "  ", hang: 4)
        if m.stored != nil && !m.agrees {
            out += WrappedText.lines(
                "this differs from what the scan stored: the next scan after a change of leads, reps or rules "
                    + "matches it again", lead: "  ", hang: 2)
        }

        if let stored = m.stored {
            out.append("interactions:")
            if stored.interactions.isEmpty { out.append("  (none: the message concerns no lead)") }
            for i in stored.interactions {
                out += WrappedText.lines(
                    "#\(i.leadID)\(context.labels[i.leadID].map { " \($0)" } ?? ""): \(i.direction?.rawValue ?? "-") \(i.type.rawValue) at \(Timestamp.format(epochSeconds: i.time)), "
                        + "rep \(i.rep ?? "-"), by \(i.match.rawValue)", lead: "  ", hang: 4)
            }
            out.append("clocks at \(Timestamp.format(epochSeconds: context.now)):")
            if m.clocks.isEmpty {
                out.append(
                    stored.interactions.isEmpty
                        ? "  (no interaction: no clock moved)"
                        : m.movesClocks
                            ? "  (it started or stopped no clock: no policy covers the lead's stage then)"
                            : "  (an \(r.kind.rawValue) moves no clock)")
            }
            for effect in m.clocks {
                out += WrappedText.lines(clockText(effect, context: context), lead: "  ", hang: 4)
            }
        }
        return out
    }
}
