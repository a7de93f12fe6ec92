import Foundation

/// Compact JSON written as UTF-8 bytes straight into one large buffer, handed to `sink` a megabyte at a time.
/// Commands that print thousands of records a second use it instead of building a `JSONValue` per record: that
/// costs an allocation per string and number, and escaping a `String` scalar by scalar into another `String`
/// cost more than parsing the mail did. The bytes are exactly those of `JSONValue.serialized`. Commas are placed
/// by the writer: after a value (or the end of an object or array), the next key or value gets one.
public final class JSONByteWriter {
    private let capacity: Int
    private let buffer: UnsafeMutablePointer<UInt8>
    // Neither property is ever passed `inout` or accessed across a call that could reach it again, so their
    // accesses are not checked at run time: the checks (`swift_beginAccess`, several for every key, value and line
    // written) were 4 % of `inspect calendar`'s instructions.
    @exclusivity(unchecked) private var count = 0
    /// Whether the next key or value gets a comma: true after a value. Set by hand to write a piece of an
    /// object (`,"key":value`) to keep and copy later with `raw`.
    @exclusivity(unchecked) public var needsComma = false
    private let sink: (UnsafeRawBufferPointer) -> Void
    /// Which bytes a string cannot hold as they are: controls, `"`, `\`, DEL, and 0xE2, the lead byte of
    /// U+2028 and U+2029 (escaped so that the output is also valid JavaScript).
    private let special: UnsafeMutablePointer<Bool>

    /// A writer handing its bytes to `sink`, in pieces of at most `capacity` bytes.
    public init(capacity: Int = 1 << 20, sink: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.capacity = max(capacity, 64)
        buffer = .allocate(capacity: self.capacity)
        self.sink = sink
        special = .allocate(capacity: 256)
        for byte in 0..<256 {
            special[byte] = byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xE2
        }
    }

    deinit {
        flush()
        buffer.deallocate()
        special.deallocate()
    }

    /// Hands what is buffered to the sink.
    public func flush() {
        guard count > 0 else { return }
        sink(UnsafeRawBufferPointer(start: buffer, count: count))
        count = 0
    }

    @inline(__always)
    private func reserve(_ n: Int) {
        if count + n > capacity { flush() }
    }

    @inline(__always)
    private func byte(_ b: UInt8) {
        reserve(1)
        buffer[count] = b
        count += 1
    }

    private func bytes(_ source: UnsafePointer<UInt8>, _ length: Int) {
        var source = source
        var length = length
        while length > 0 {
            if count == capacity { flush() }
            let n = min(length, capacity - count)
            (buffer + count).update(from: source, count: n)
            count += n
            source += n
            length -= n
        }
    }

    @inline(__always)
    private func separate() {
        if needsComma { byte(0x2C) }
        needsComma = false
    }

    /// Ends a line (JSON Lines): a line feed, and the next value starts without a comma.
    public func newline() {
        byte(0x0A)
        needsComma = false
    }

    /// `{`.
    public func beginObject() {
        separate()
        byte(0x7B)
    }

    /// `}`.
    public func endObject() {
        byte(0x7D)
        needsComma = true
    }

    /// `[`.
    public func beginArray() {
        separate()
        byte(0x5B)
    }

    /// `]`.
    public func endArray() {
        byte(0x5D)
        needsComma = true
    }

    /// A key whose text needs no escaping (a literal in the code), and its colon.
    public func key(_ name: StaticString) {
        separate()
        reserve(name.utf8CodeUnitCount + 3)
        buffer[count] = 0x22
        (buffer + count + 1).update(from: name.utf8Start, count: name.utf8CodeUnitCount)
        count += name.utf8CodeUnitCount + 1
        buffer[count] = 0x22
        buffer[count + 1] = 0x3A
        count += 2
    }

    /// A key of any text, escaped, and its colon.
    public func key(escaping name: String) {
        separate()
        escaped(name)
        byte(0x3A)
    }

    /// A piece of output written before (kept to be repeated), as it is; the next key or value gets a comma.
    public func raw(_ piece: [UInt8]) {
        piece.withUnsafeBufferPointer { if let base = $0.baseAddress { bytes(base, $0.count) } }
        needsComma = true
    }

    /// `null`.
    public func null() {
        separate()
        literal("null")
        needsComma = true
    }

    /// `true` or `false`.
    public func bool(_ value: Bool) {
        separate()
        literal(value ? "true" : "false")
        needsComma = true
    }

    private func literal(_ text: StaticString) { bytes(text.utf8Start, text.utf8CodeUnitCount) }

    /// A string, or null when absent.
    public func string(_ value: String?) {
        guard let value else { return null() }
        separate()
        escaped(value)
        needsComma = true
    }

    /// An integer, or null when absent.
    public func int(_ value: Int?) {
        guard let value else { return null() }
        int(Int64(value))
    }

    /// An integer, as `String(value)` writes it.
    public func int(_ value: Int64) {
        separate()
        reserve(20)
        var magnitude = value.magnitude
        if value < 0 {
            buffer[count] = 0x2D
            count += 1
        }
        var digits = 1
        var probe = magnitude
        while probe >= 10 {
            probe /= 10
            digits += 1
        }
        var position = count + digits
        count = position
        repeat {
            position -= 1
            buffer[position] = 0x30 + UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
        needsComma = true
    }

    /// A UTC time as `Timestamp.format` writes it (`2026-03-02T06:01:00Z`), or null when absent.
    public func time(epochSeconds value: Int64?) {
        guard let value else { return null() }
        let days = value >= 0 ? value / 86_400 : -((-value + 86_399) / 86_400)
        let second = Int(value - days * 86_400)
        let (year, month, day) = Timestamp.civilDate(fromDays: days)
        guard (0...9999).contains(year) else { return string(Timestamp.format(epochSeconds: value)) }
        separate()
        reserve(22)
        buffer[count] = 0x22
        count += 1
        writeDate(year: year, month: month, day: day)
        buffer[count] = 0x54
        count += 1
        two(second / 3600)
        buffer[count] = 0x3A
        count += 1
        two(second / 60 % 60)
        buffer[count] = 0x3A
        count += 1
        two(second % 60)
        buffer[count] = 0x5A
        buffer[count + 1] = 0x22
        count += 2
        needsComma = true
    }

    /// A date as `YYYY-MM-DD`, for years 0 to 9999 (other years go through `string`).
    public func date(year: Int, month: Int, day: Int) {
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            return string(Timestamp.formatDate(year: year, month: month, day: day))
        }
        separate()
        reserve(12)
        buffer[count] = 0x22
        count += 1
        writeDate(year: year, month: month, day: day)
        buffer[count] = 0x22
        count += 1
        needsComma = true
    }

    private func writeDate(year: Int, month: Int, day: Int) {
        two(year / 100)
        two(year % 100)
        buffer[count] = 0x2D
        count += 1
        two(month)
        buffer[count] = 0x2D
        count += 1
        two(day)
    }

    @inline(__always)
    private func two(_ value: Int) {
        buffer[count] = 0x30 + UInt8(truncatingIfNeeded: value / 10)
        buffer[count + 1] = 0x30 + UInt8(truncatingIfNeeded: value % 10)
        count += 2
    }

    /// Any value, exactly as `JSONValue.serialized` writes it.
    public func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let b): bool(b)
        case .int(let i): int(i)
        case .double:
            separate()
            let text = value.serialized
            var copy = text
            copy.withUTF8 { bytes($0.baseAddress!, $0.count) }
            needsComma = true
        case .string(let s): string(s)
        case .array(let items):
            beginArray()
            for item in items { self.value(item) }
            endArray()
        case .object(let pairs):
            beginObject()
            for (name, item) in pairs {
                key(escaping: name)
                self.value(item)
            }
            endObject()
        }
    }

    /// Whether none of eight bytes needs escaping (the "has zero byte" and "has less than" tests of
    /// Hacker's Delight, byte-wise over a word).
    @inline(__always)
    private static func plain(_ v: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let below20 = (v &- ones &* 0x20) & ~v & highs != 0
        return !below20 && !hasZero(v ^ (ones &* 0x22)) && !hasZero(v ^ (ones &* 0x5C))
            && !hasZero(v ^ (ones &* 0x7F)) && !hasZero(v ^ (ones &* 0xE2))
    }

    /// `text` as a JSON string literal, escaped as `JSONValue.escape` does, copying runs of plain bytes at once.
    private func escaped(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            byte(0x22)
            guard let base = utf8.baseAddress else { return }
            let end = utf8.count
            var start = 0
            var i = 0
            while i < end {
                // Eight plain bytes at a time: no byte below 0x20, no `"`, `\\`, DEL or 0xE2.
                while i + 8 <= end, Self.plain(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) { i += 8 }
                if i >= end { break }
                if !special[Int(base[i])] {
                    i += 1
                    continue
                }
                if i > start { bytes(base + start, i - start) }
                let b = base[i]
                if b == 0xE2 {
                    // U+2028 and U+2029 are E2 80 A8 and E2 80 A9; any other E2 sequence is copied.
                    if i + 2 < end, base[i + 1] == 0x80, base[i + 2] == 0xA8 || base[i + 2] == 0xA9 {
                        literal(base[i + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                        i += 3
                    } else {
                        byte(b)
                        i += 1
                    }
                    start = i
                    continue
                }
                switch b {
                case 0x22: literal("\\\"")
                case 0x5C: literal("\\\\")
                case 0x0A: literal("\\n")
                case 0x0D: literal("\\r")
                case 0x09: literal("\\t")
                default:
                    let hex: StaticString = "0123456789abcdef"
                    reserve(6)
                    literal("\\u00")
                    buffer[count] = hex.utf8Start[Int(b >> 4)]
                    buffer[count + 1] = hex.utf8Start[Int(b & 0x0F)]
                    count += 2
                }
                i += 1
                start = i
            }
            if end > start { bytes(base + start, end - start) }
        }
        byte(0x22)
    }
}
