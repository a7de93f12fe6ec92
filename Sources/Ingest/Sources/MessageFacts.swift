import BatonCore
import Foundation
import MailParsing
import Store

/// Turns a parsed message into what the store keeps about it: participants, time, dedupe key.
public enum MessageFacts {
    /// A Date header before this (1990) or more than two days after the scan is absurd: another time is used.
    static let earliest: Int64 = 631_152_000

    /// Where a time came from when the Date header could not be used.
    public enum FallbackTime: Sendable {
        /// The mbox `From ` line's date.
        case fromLine(Int64?)
        /// Maildir delivery (the unique name's leading seconds, else the file's modification time).
        case delivery(Int64?)
        /// An inline-forwarded original: a date without a zone is read in the forwarding rep's zone.
        case forwarded(zone: TimeZone)
        case none
    }

    /// The store's word for the parser's kind: the parser keeps its own enum so that it depends on nothing.
    static func kind(_ kind: MailParsing.MessageKind) -> BatonCore.MessageKind {
        switch kind {
        case .message: .message
        case .autoReply: .autoReply
        case .bounce: .bounce
        case .bulk: .bulk
        }
    }

    /// The record for `message`; `now` bounds absurd dates and is the last resort for the time.
    public static func record(
        _ message: MailMessage, mailboxRep: String?, fallback: FallbackTime, now: Int64
    ) -> MessageRecord {
        var sentAt: Int64?
        var timeSource = TimeSource.date
        if let date = message.date {
            var seconds = date.secondsSinceEpoch
            if !date.hasZone, case .forwarded(let zone) = fallback {
                seconds = ZonedTime.instant(localSeconds: seconds, in: zone)
                timeSource = .forward
            }
            if seconds >= earliest && seconds <= now + 2 * 86_400 { sentAt = seconds }
        }
        if sentAt == nil {
            switch fallback {
            case .fromLine(let t?):
                sentAt = t
                timeSource = .fromLine
            case .delivery(let t?):
                sentAt = t
                timeSource = .delivery
            default:
                sentAt = now
                timeSource = .scan
            }
        }
        var participants: [ParticipantRecord] = []
        for (role, list) in [(ParticipantRole.from, message.from), (.to, message.to), (.cc, message.cc)] {
            for entry in list {
                guard let address = entry.address?.lowercased(), !address.isEmpty else { continue }
                participants.append(ParticipantRecord(role: role, address: address, name: entry.name))
            }
        }
        // Bcc (in the sender's own copy) as blind recipients, like a journal's envelope recipients: in address order
        // and without those already in To or Cc, so that merging copies never depends on which came first.
        let visible = Set(participants.filter { $0.role == .to || $0.role == .cc }.map(\.address))
        let blind = Set(message.bcc.compactMap { $0.address?.lowercased() }).subtracting(visible).subtracting([""])
        participants += blind.sorted().map { ParticipantRecord(role: .bcc, address: $0, name: nil) }
        let from = participants.first { $0.role == .from }?.address
        let messageID = message.messageID.map(Self.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        let subjectKey = message.subject.map(Self.subjectKey)
        let key: String
        if let messageID {
            key = DedupeKey.messageID(messageID).rawValue
        } else if case .forwarded = fallback {
            // Inline originals are known by sender, minute and subject (their bodies get reflowed).
            let minute = (sentAt ?? 0) / 60
            let sender = from ?? message.from.first?.name?.lowercased() ?? ""
            key = DedupeKey.inline(SHA256.hex("\(sender)\n\(minute)\n\(subjectKey ?? "")")).rawValue
        } else {
            let body = String((message.text ?? message.htmlText ?? "").prefix(512))
            key =
                DedupeKey.hash(SHA256.hex("\(from ?? "")\n\(sentAt ?? 0)\n\(message.subject ?? "")\n\(body)")).rawValue
        }
        var refs = message.inReplyTo
        for ref in message.references where !refs.contains(ref) { refs.append(ref) }
        return MessageRecord(
            dedupeKey: key, messageID: messageID, sentAt: sentAt, timeSource: timeSource, fromAddress: from,
            subject: message.subject, subjectKey: subjectKey, kind: Self.kind(message.kind), mailboxRep: mailboxRep,
            failedRecipients: message.failedRecipients.map { $0.lowercased() }, participants: participants,
            refs: refs)
    }

    /// `text` without spaces and tabs around it (Foundation's trimming bridges through NSString: slow per message).
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        let last = utf8.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })!
        if first == utf8.startIndex && last == utf8.index(before: utf8.endIndex) { return text }
        return String(text[first...last])
    }

    /// Reply and forward prefixes in the languages mail clients write them.
    static let prefixes = [
        "re", "fw", "fwd", "aw", "wg", "tr", "rv", "sv", "vs", "antw", "doorst", "res", "enc", "odp", "rif", "r",
    ]

    /// The subject without `Re:`/`Fwd:` prefixes (and `[n]` counters or list tags before them), case-folded,
    /// white space collapsed.
    public static func subjectKey(_ subject: String) -> String {
        asciiSubjectKey(subject) ?? characterSubjectKey(subject)
    }

    /// `subjectKey` of a subject in ASCII without a carriage return, worked out on its bytes, or nil for any other
    /// subject. Such a subject's characters are its bytes (a CR before an LF would make one character of the two),
    /// so this gives what `characterSubjectKey` gives, which walked characters: a tenth of the parse worker's time.
    static func asciiSubjectKey(_ subject: String) -> String? {
        var bytes = Array(subject.utf8)
        for byte in bytes where byte >= 0x80 || byte == 0x0D { return nil }
        for i in bytes.indices where bytes[i] >= 0x41 && bytes[i] <= 0x5A { bytes[i] |= 0x20 }
        let end = bytes.count
        var start = 0
        while true {
            while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            // A `[n]` counter or list tag of at most 24 characters, unless nothing but spaces follows it.
            if start < end, bytes[start] == 0x5B, let close = bytes[start..<end].firstIndex(of: 0x5D),
                close - start - 1 <= 24
            {
                guard bytes[(close + 1)..<end].contains(where: { $0 != 0x20 }) else { break }
                start = close + 1
                continue
            }
            guard let colon = bytes[start..<end].firstIndex(of: 0x3A) else { break }
            var (wordStart, wordEnd) = (start, colon)
            while wordStart < wordEnd, bytes[wordStart] == 0x20 || bytes[wordStart] == 0x09 { wordStart += 1 }
            while wordEnd > wordStart, bytes[wordEnd - 1] == 0x20 || bytes[wordEnd - 1] == 0x09 { wordEnd -= 1 }
            if let bracket = bytes[wordStart..<wordEnd].firstIndex(where: { $0 == 0x5B || $0 == 0x28 }) {
                wordEnd = bracket
            }
            guard prefixes.contains(String(decoding: bytes[wordStart..<wordEnd], as: UTF8.self)) else { break }
            start = colon + 1
        }
        var key: [UInt8] = []
        key.reserveCapacity(end - start)
        var i = start
        while i < end {
            if bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A {
                i += 1
                continue
            }
            if !key.isEmpty { key.append(0x20) }
            while i < end, bytes[i] != 0x20, bytes[i] != 0x09, bytes[i] != 0x0A {
                key.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: key, as: UTF8.self)
    }

    /// `subjectKey` worked out character by character: any subject.
    static func characterSubjectKey(_ subject: String) -> String {
        var s = Substring(subject.lowercased())
        while true {
            s = s.drop { $0 == " " || $0 == "\t" }
            if s.hasPrefix("["), let close = s.firstIndex(of: "]") {
                let tag = s[s.index(after: s.startIndex)..<close]
                if tag.count <= 24 {
                    let rest = s[s.index(after: close)...]
                    if rest.drop(while: { $0 == " " }).isEmpty { break }
                    s = rest
                    continue
                }
            }
            guard let colon = s.firstIndex(where: { $0 == ":" || $0 == "：" }) else { break }
            var word = trimmed(String(s[..<colon]))
            if let bracket = word.firstIndex(where: { $0 == "[" || $0 == "(" }) {
                word = String(word[..<bracket])
            }
            guard prefixes.contains(word) else { break }
            s = s[s.index(after: colon)...]
        }
        return s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }
}
