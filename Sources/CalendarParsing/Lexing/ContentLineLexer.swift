#if canImport(Glibc)
    import Glibc
#endif

/// Splits iCalendar bytes into unfolded content lines (RFC 5545, 3.1).
///
/// Folds (a line break followed by a space or tab) are removed on bytes before UTF-8 decoding, so a fold
/// that splits a multi-byte character still yields the character. Lines may end in CRLF or a bare LF.
public struct ContentLineLexer {
    /// Lines that could not be read.
    public private(set) var diagnostics: [CalendarDiagnostic] = []

    /// A lexer.
    public init() {}

    /// Calls `body` with each content line in order; malformed lines become diagnostics.
    public mutating func lex(_ bytes: UnsafeRawBufferPointer, _ body: (ContentLine) -> Void) {
        lex(bytes, keeping: nil, body)
    }

    /// Calls `body` with each content line whose name is in `names` (upper case), skipping the others without
    /// decoding them; `nil` keeps every line.
    public mutating func lex(
        _ bytes: UnsafeRawBufferPointer, keeping names: Set<String>?, _ body: (ContentLine) -> Void
    ) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let count = bytes.count
        var folded: [UInt8] = []
        var pendingStart = -1  // start offset of an unfolded logical line not yet emitted
        var pendingEnd = 0
        var pendingLine = 0
        var pendingFolded = false
        var skipping = false
        let filter = names.map(NameFilter.init)
        var physicalLine = 0
        var offset = 0

        func flush(_ this: inout ContentLineLexer) {
            guard pendingStart >= 0 else { return }
            if pendingFolded {
                folded.withUnsafeBytes { this.emit($0, line: pendingLine, body) }
            } else {
                this.emit(UnsafeRawBufferPointer(rebasing: bytes[pendingStart..<pendingEnd]), line: pendingLine, body)
            }
            pendingStart = -1
            pendingFolded = false
        }

        while offset < count {
            physicalLine += 1
            let lineStart = offset
            var lineEnd: Int
            if let hit = memchr(base + offset, 0x0A, count - offset) {
                lineEnd = base.distance(to: UnsafeRawPointer(hit))
                offset = lineEnd + 1
            } else {
                lineEnd = count
                offset = count
            }
            if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            if lineEnd == lineStart { continue }
            let first = bytes[lineStart]
            if first == 0x20 || first == 0x09 {
                if skipping { continue }
                guard pendingStart >= 0 else {
                    diagnostics.append(
                        CalendarDiagnostic(
                            .malformedLine, line: physicalLine, "continuation line without a line to continue"))
                    continue
                }
                if !pendingFolded {
                    folded.removeAll(keepingCapacity: true)
                    folded.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[pendingStart..<pendingEnd]))
                    pendingFolded = true
                }
                folded.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[(lineStart + 1)..<lineEnd]))
                continue
            }
            flush(&self)
            if let filter {
                var k = lineStart
                while k < lineEnd, bytes[k].isNameCharacter { k += 1 }
                if k > lineStart, k < lineEnd, bytes[k] == UInt8(ascii: ";") || bytes[k] == UInt8(ascii: ":"),
                    !filter.contains(UnsafeRawBufferPointer(rebasing: bytes[lineStart..<k]))
                {
                    skipping = true
                    continue
                }
            }
            skipping = false
            pendingStart = lineStart
            pendingEnd = lineEnd
            pendingLine = physicalLine
        }
        flush(&self)
    }

    /// Parses one logical line: `name *(";" param) ":" value`.
    private mutating func emit(_ line: UnsafeRawBufferPointer, line number: Int, _ body: (ContentLine) -> Void) {
        if let parsed = Self.parse(line, lineNumber: number) {
            body(parsed)
        } else {
            let shown = String(decoding: line.prefix(60), as: UTF8.self)
            diagnostics.append(CalendarDiagnostic(.malformedLine, line: number, "cannot read content line '\(shown)'"))
        }
    }

    /// Parses one unfolded content line, or nil when it does not follow RFC 5545, 3.1.
    public static func parse(_ line: UnsafeRawBufferPointer, lineNumber: Int = 0) -> ContentLine? {
        let count = line.count
        var i = 0
        while i < count, line[i].isNameCharacter { i += 1 }
        guard i > 0, i < count else { return nil }
        let name = Self.upperASCII(UnsafeRawBufferPointer(rebasing: line[0..<i]))
        var parameters: [ContentParameter] = []
        while i < count, line[i] == UInt8(ascii: ";") {
            i += 1
            let nameStart = i
            while i < count, line[i].isNameCharacter { i += 1 }
            guard i > nameStart, i < count, line[i] == UInt8(ascii: "=") else { return nil }
            let parameterName = Self.upperASCII(UnsafeRawBufferPointer(rebasing: line[nameStart..<i]))
            i += 1
            var values: [String] = []
            while true {
                if i < count, line[i] == UInt8(ascii: "\"") {
                    let valueStart = i + 1
                    i = valueStart
                    while i < count, line[i] != UInt8(ascii: "\"") { i += 1 }
                    guard i < count else { return nil }
                    values.append(
                        String(decoding: UnsafeRawBufferPointer(rebasing: line[valueStart..<i]), as: UTF8.self))
                    i += 1
                } else {
                    let valueStart = i
                    while i < count, line[i] != UInt8(ascii: ","), line[i] != UInt8(ascii: ";"),
                        line[i] != UInt8(ascii: ":"), line[i] != UInt8(ascii: "\"")
                    {
                        i += 1
                    }
                    values.append(
                        String(decoding: UnsafeRawBufferPointer(rebasing: line[valueStart..<i]), as: UTF8.self))
                }
                if i < count, line[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                break
            }
            parameters.append(ContentParameter(upperName: parameterName, values: values))
        }
        guard i < count, line[i] == UInt8(ascii: ":") else { return nil }
        let value = String(decoding: UnsafeRawBufferPointer(rebasing: line[(i + 1)..<count]), as: UTF8.self)
        return ContentLine(name: name, parameters: parameters, value: value, lineNumber: lineNumber)
    }

    private static func upperASCII(_ bytes: UnsafeRawBufferPointer) -> String {
        var hasLower = false
        for byte in bytes where byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") {
            hasLower = true
            break
        }
        if !hasLower { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: bytes.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
    }
}

/// A set of property names compared as packed integers, without building a string per line.
struct NameFilter {
    private let keys: [(UInt64, UInt64, Int)]
    private let long: Set<String>

    init(_ names: Set<String>) {
        var keys: [(UInt64, UInt64, Int)] = []
        var long: Set<String> = []
        for name in names {
            let bytes = Array(name.utf8)
            if bytes.count <= 16 {
                keys.append(bytes.withUnsafeBytes { NameFilter.pack($0) })
            } else {
                long.insert(name)
            }
        }
        self.keys = keys
        self.long = long
    }

    @inline(__always)
    static func pack(_ bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64, Int) {
        var first: UInt64 = 0
        var second: UInt64 = 0
        for (k, byte) in bytes.enumerated() where k < 16 {
            let upper = UInt64(byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte)
            if k < 8 { first |= upper << (8 * UInt64(k)) } else { second |= upper << (8 * UInt64(k - 8)) }
        }
        return (first, second, bytes.count)
    }

    /// Whether the name (any case) is in the set.
    func contains(_ name: UnsafeRawBufferPointer) -> Bool {
        if name.count > 16 {
            return long.contains(
                String(decoding: name.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self))
        }
        let key = NameFilter.pack(name)
        for candidate in keys where candidate.0 == key.0 && candidate.1 == key.1 && candidate.2 == key.2 { return true }
        return false
    }
}

extension UInt8 {
    /// `name = iana-token / x-name`; `iana-token = 1*(ALPHA / DIGIT / "-")` (RFC 5545, 3.1).
    @inline(__always)
    var isNameCharacter: Bool {
        switch self {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
            true
        default: false
        }
    }
}
