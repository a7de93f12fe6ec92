import BatonCore
import Foundation

/// Rewrites a stored iCalendar input (RFC 5545) so that meetings rebuilt from it no longer hold a person: an event
/// whose only external party the person was goes whole, otherwise only their `ATTENDEE` and `ORGANIZER` lines.
public enum CalendarRedaction {
    /// The rewritten bytes, or nil when the input does not name the person.
    public static func redact(
        _ bytes: [UInt8], isPerson: (String) -> Bool, isInternal: (String) -> Bool
    ) -> [UInt8]? {
        let lines = logicalLines(bytes)
        var keep = [Bool](repeating: true, count: lines.count)
        var changed = false
        var eventStart: Int?
        var eventParties: [String] = []
        for (index, line) in lines.enumerated() {
            let text = line.unfolded
            if text.hasPrefix("begin:vevent") {
                eventStart = index
                eventParties = []
            } else if text.hasPrefix("end:vevent"), let start = eventStart {
                let external = eventParties.filter { !isInternal($0) }
                if external.contains(where: isPerson) && external.allSatisfy(isPerson) {
                    for i in start...index { keep[i] = false }
                }
                eventStart = nil
            } else if let address = party(text) {
                eventParties.append(address)
                if isPerson(address) {
                    keep[index] = false
                    changed = true
                }
            }
        }
        guard changed else { return nil }
        var out: [UInt8] = []
        for (index, line) in lines.enumerated() where keep[index] { out += bytes[line.range] }
        return out
    }

    /// One content line with its continuation lines: its bytes (terminators included) and its text unfolded,
    /// lowercased.
    struct Line {
        var range: Range<Int>
        var unfolded: String
    }

    /// RFC 5545 section 3.1: a line starting with a space or a tab continues the one before.
    static func logicalLines(_ bytes: [UInt8]) -> [Line] {
        var lines: [Line] = []
        var start = 0
        var text: [UInt8] = []
        var i = 0
        func finish(_ end: Int) {
            if end > start { lines.append(Line(range: start..<end, unfolded: String(decoding: text, as: UTF8.self))) }
            start = end
            text = []
        }
        while i < bytes.count {
            var end = i
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            let next = min(end + 1, bytes.count)
            var content = Array(bytes[i..<end])
            if content.last == 0x0D { content.removeLast() }
            let continues = i > start && (bytes[i] == 0x20 || bytes[i] == 0x09)
            if !continues { finish(i) }
            text += continues ? Array(content.dropFirst()) : content
            for k in text.indices where text[k] >= 0x41 && text[k] <= 0x5A { text[k] += 0x20 }
            i = next
        }
        finish(bytes.count)
        return lines
    }

    /// The address of an `ATTENDEE` or `ORGANIZER` line (lowercased, without `mailto:`), else nil.
    static func party(_ line: String) -> String? {
        guard line.hasPrefix("attendee") || line.hasPrefix("organizer") else { return nil }
        guard let range = line.range(of: "mailto:", options: .backwards) else { return nil }
        let address = line[range.upperBound...].trimmingCharacters(in: .whitespaces)
        return address.isEmpty ? nil : address
    }
}
