/// A header section split into fields (RFC 5322 section 2.2), with offsets into the message buffer.
struct HeaderBlock {
    /// One field: name and value ranges in the buffer (the value still folded).
    struct Field {
        var name: Range<Int>
        var value: Range<Int>
    }

    /// The fields in order.
    var fields: [Field] = []
    /// Where the body starts (after the empty line), or the end of the buffer.
    var bodyStart: Int
    /// Fields dropped because the section was too large.
    var truncated = false

    /// The most fields kept; a message with more is hostile or broken.
    static let maxFields = 4096

    /// Splits `buffer[from..<to]` into fields, up to the first empty line (RFC 5322 section 2.1).
    ///
    /// A leading mbox `From ` line is skipped. A line that is neither a field nor a continuation ends the
    /// section (the body starts there), as most readers do with a message that lacks the empty line.
    init(_ buffer: UnsafeRawBufferPointer, from: Int, to: Int, skipFromLine: Bool = true) {
        var i = from
        if skipFromLine, ByteSearch.hasPrefix(Array("From ".utf8), in: buffer, at: i, to: to) {
            i = min(ByteSearch.lineEnd(in: buffer, from: i, to: to) + 1, to)
        }
        bodyStart = to
        while i < to {
            let lineEnd = ByteSearch.lineEnd(in: buffer, from: i, to: to)
            var contentEnd = lineEnd
            if contentEnd > i, buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let next = min(lineEnd + 1, to)
            if contentEnd == i {
                bodyStart = next
                return
            }
            let first = buffer[i]
            if first.isWSP {
                if !fields.isEmpty {
                    fields[fields.count - 1].value = fields[fields.count - 1].value.lowerBound..<contentEnd
                } else if i == from {
                    // Leading whitespace before any field: not a header section at all.
                    bodyStart = i
                    return
                }
                i = next
                continue
            }
            var colon = -1
            var k = i
            while k < contentEnd {
                let b = buffer[k]
                if b == 0x3A {
                    colon = k
                    break
                }
                // ftext = %d33-57 / %d59-126 (section 3.6.8); allow a space before the colon (obsolete syntax).
                if b <= 0x20 && !(b.isWSP) || b == 0x7F { break }
                k += 1
            }
            var nameEnd = colon
            while nameEnd > i, buffer[nameEnd - 1].isWSP { nameEnd -= 1 }
            guard colon > i, nameEnd > i else {
                bodyStart = i
                return
            }
            if fields.count >= HeaderBlock.maxFields {
                truncated = true
            } else {
                var v = colon + 1
                while v < contentEnd, buffer[v].isWSP { v += 1 }
                fields.append(Field(name: i..<nameEnd, value: v..<contentEnd))
            }
            i = next
        }
    }

    /// The longest field value kept (bytes); longer ones are cut, with a diagnostic.
    static let maxValueBytes = 256 * 1024

    /// The unfolded bytes of a value: CRLF or LF followed by whitespace removed (RFC 5322 section 2.2.3).
    static func unfold(_ buffer: UnsafeRawBufferPointer, _ range: Range<Int>) -> [UInt8] {
        var out = [UInt8]()
        unfold(buffer, range, into: &out)
        return out
    }

    /// Appends the unfolded value to `out`, copying line by line.
    static func unfold(_ buffer: UnsafeRawBufferPointer, _ range: Range<Int>, into out: inout [UInt8]) {
        let start = out.count
        let end = min(range.upperBound, range.lowerBound + maxValueBytes)
        var i = range.lowerBound
        while i < end {
            let lf = ByteSearch.index(of: 0x0A, in: buffer, from: i, to: end) ?? end
            var e = lf
            if e > i, buffer[e - 1] == 0x0D { e -= 1 }
            if e > i { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[i..<e])) }
            i = lf + 1
        }
        while out.count > start, out[out.count - 1].isWhitespace { out.removeLast() }
    }

    /// Whether the field's name is `lowercaseName` (ASCII, case-insensitive).
    @inline(__always)
    static func nameIs(_ buffer: UnsafeRawBufferPointer, _ field: Field, _ lowercaseName: [UInt8]) -> Bool {
        guard field.name.count == lowercaseName.count else { return false }
        var k = 0
        for i in field.name {
            if buffer[i].lowercasedASCII != lowercaseName[k] { return false }
            k += 1
        }
        return true
    }
}
