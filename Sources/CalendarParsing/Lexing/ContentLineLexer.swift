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

    /// The physical lines before the bytes lexed, for line numbers counted from the start of a file when the
    /// bytes are a part of it.
    private let linesBefore: Int

    /// A lexer.
    public init() { linesBefore = 0 }

    /// A lexer for bytes that follow `linesBefore` lines of the same file.
    init(linesBefore: Int) { self.linesBefore = linesBefore }

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
        var pendingName: NameFilter.Found?  // the line's name, upper case, and its tag, when the filter read it
        var skipping = false
        let filter = names.map { NameFilter($0, tag: { PropertyName($0).rawValue }) }
        var physicalLine = linesBefore
        var offset = 0

        func flush(_ this: inout ContentLineLexer) {
            guard pendingStart >= 0 else { return }
            if pendingFolded {
                folded.withUnsafeBytes { this.emit($0, line: pendingLine, name: pendingName, body) }
            } else {
                this.emit(
                    UnsafeRawBufferPointer(rebasing: bytes[pendingStart..<pendingEnd]), line: pendingLine,
                    name: pendingName, body)
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
            pendingName = nil
            if let filter {
                var k = lineStart
                while k < lineEnd, bytes[k].isNameCharacter { k += 1 }
                if k > lineStart, k < lineEnd, bytes[k] == UInt8(ascii: ";") || bytes[k] == UInt8(ascii: ":") {
                    // The filter's own upper-case spelling becomes the line's name: no string is built per line.
                    guard let name = filter.name(UnsafeRawBufferPointer(rebasing: bytes[lineStart..<k])) else {
                        skipping = true
                        continue
                    }
                    pendingName = name
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
    private mutating func emit(
        _ line: UnsafeRawBufferPointer, line number: Int, name: NameFilter.Found?, _ body: (ContentLine) -> Void
    ) {
        if let parsed = Self.parse(line, lineNumber: number, name: name) {
            body(parsed)
        } else {
            let shown = String(decoding: line.prefix(60), as: UTF8.self)
            diagnostics.append(CalendarDiagnostic(.malformedLine, line: number, "cannot read content line '\(shown)'"))
        }
    }

    /// Parses one unfolded content line, or nil when it does not follow RFC 5545, 3.1.
    public static func parse(_ line: UnsafeRawBufferPointer, lineNumber: Int = 0) -> ContentLine? {
        parse(line, lineNumber: lineNumber, name: nil)
    }

    /// Parses one unfolded content line; `known` is its name in upper case and its tag when the caller has read
    /// them.
    static func parse(_ line: UnsafeRawBufferPointer, lineNumber: Int, name known: NameFilter.Found?) -> ContentLine? {
        let count = line.count
        var i = 0
        while i < count, line[i].isNameCharacter { i += 1 }
        guard i > 0, i < count else { return nil }
        let name: String
        let property: PropertyName
        if let known {
            name = known.name
            property = PropertyName(rawValue: known.tag) ?? .other
        } else {
            name = Self.upperASCII(UnsafeRawBufferPointer(rebasing: line[0..<i]))
            property = PropertyName(name)
        }
        var parameters: [ContentParameter] = []
        while i < count, line[i] == UInt8(ascii: ";") {
            // Most lines with parameters have one to four: one allocation instead of a regrowth per parameter.
            if parameters.isEmpty { parameters.reserveCapacity(4) }
            i += 1
            let nameStart = i
            while i < count, line[i].isNameCharacter { i += 1 }
            guard i > nameStart, i < count, line[i] == UInt8(ascii: "=") else { return nil }
            let nameBytes = UnsafeRawBufferPointer(rebasing: line[nameStart..<i])
            let parameterName: String
            let parameterTag: ParameterName
            if let found = NameFilter.parameterNames.name(nameBytes) {
                parameterName = found.name
                parameterTag = ParameterName(rawValue: found.tag) ?? .other
            } else {
                parameterName = Self.upperASCII(nameBytes)
                parameterTag = .other
            }
            i += 1
            var first: String?
            var rest: [String] = []
            while true {
                if i < count, line[i] == UInt8(ascii: "\"") {
                    let valueStart = i + 1
                    i = valueStart
                    while i < count, line[i] != UInt8(ascii: "\"") { i += 1 }
                    guard i < count else { return nil }
                    let value = String(decoding: UnsafeRawBufferPointer(rebasing: line[valueStart..<i]), as: UTF8.self)
                    if first == nil { first = value } else { rest.append(value) }
                    i += 1
                } else {
                    let valueStart = i
                    while i < count, line[i] != UInt8(ascii: ","), line[i] != UInt8(ascii: ";"),
                        line[i] != UInt8(ascii: ":"), line[i] != UInt8(ascii: "\"")
                    {
                        i += 1
                    }
                    let value = String(decoding: UnsafeRawBufferPointer(rebasing: line[valueStart..<i]), as: UTF8.self)
                    if first == nil { first = value } else { rest.append(value) }
                }
                if i < count, line[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                break
            }
            parameters.append(ContentParameter(upperName: parameterName, tag: parameterTag, first: first, rest: rest))
        }
        guard i < count, line[i] == UInt8(ascii: ":") else { return nil }
        let value = String(decoding: UnsafeRawBufferPointer(rebasing: line[(i + 1)..<count]), as: UTF8.self)
        return ContentLine(
            upperName: name, property: property, parameters: parameters, value: value, lineNumber: lineNumber)
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

/// A set of names compared as packed integers, which gives back the set's own upper-case string for a name
/// written in any case, and the tag given to it, without building a string per line.
struct NameFilter: Sendable {
    /// A name of the set and its tag.
    struct Found {
        var name: String
        var tag: UInt8
    }

    /// A name of up to 16 bytes, upper-cased and packed into two integers.
    private struct Key: Equatable {
        var first: UInt64
        var second: UInt64
    }

    /// The short names by length (index 1…16), each with its key.
    private let buckets: [[(key: Key, found: Found)]]
    /// Names longer than 16 bytes, with their tags.
    private let long: [String: UInt8]

    /// The parameter names Baton reads or commonly meets (RFC 5545, 3.2), interned when lexing parameters.
    static let parameterNames = NameFilter(
        [
            "CN", "ROLE", "PARTSTAT", "RSVP", "TZID", "VALUE", "RANGE", "DELEGATED-TO", "DELEGATED-FROM", "CUTYPE",
            "MEMBER", "SENT-BY", "DIR", "LANGUAGE", "ALTREP", "RELATED", "RELTYPE", "FMTTYPE", "ENCODING",
        ], tag: { ParameterName($0).rawValue })

    /// A filter for `names`, each given the tag `tag` returns for its upper-case spelling.
    init(_ names: Set<String>, tag: (String) -> UInt8) {
        var buckets = [[(key: Key, found: Found)]](repeating: [], count: 17)
        var long: [String: UInt8] = [:]
        for name in names {
            let bytes = Array(name.utf8)
            let upper = String(decoding: bytes.map(NameFilter.upper), as: UTF8.self)
            if bytes.count <= 16 {
                let key = bytes.withUnsafeBytes { NameFilter.pack($0) }
                buckets[bytes.count].append((key, Found(name: upper, tag: tag(upper))))
            } else {
                long[upper] = tag(upper)
            }
        }
        self.buckets = buckets
        self.long = long
    }

    @inline(__always)
    private static func upper(_ byte: UInt8) -> UInt8 { byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte }

    /// Packs at most 16 bytes, upper-cased.
    @inline(__always)
    private static func pack(_ bytes: UnsafeRawBufferPointer) -> Key {
        var first: UInt64 = 0
        var second: UInt64 = 0
        let count = bytes.count
        for k in 0..<min(count, 8) { first |= UInt64(upper(bytes[k])) << (8 * UInt64(k)) }
        if count > 8 {
            for k in 8..<min(count, 16) { second |= UInt64(upper(bytes[k])) << (8 * UInt64(k - 8)) }
        }
        return Key(first: first, second: second)
    }

    /// The set's spelling of the name (any case) and its tag, or nil when it is not in the set.
    func name(_ name: UnsafeRawBufferPointer) -> Found? {
        let count = name.count
        if count > 16 {
            guard !long.isEmpty else { return nil }
            let upper = String(decoding: name.map(NameFilter.upper), as: UTF8.self)
            return long[upper].map { Found(name: upper, tag: $0) }
        }
        guard count > 0 else { return nil }
        let key = NameFilter.pack(name)
        for candidate in buckets[count] where candidate.key == key { return candidate.found }
        return nil
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
