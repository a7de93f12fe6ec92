#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Byte classes of RFC 5322 section 3.2 and the searches every parser here is built on.
extension UInt8 {
    /// `WSP = SP / HTAB` (RFC 5234, appendix B.1).
    @inline(__always) var isWSP: Bool { self == 0x20 || self == 0x09 }
    /// SP, HTAB, CR or LF.
    @inline(__always) var isWhitespace: Bool { self == 0x20 || self == 0x09 || self == 0x0D || self == 0x0A }
    /// `DIGIT = %x30-39`.
    @inline(__always) var isDigit: Bool { self >= 0x30 && self <= 0x39 }
    /// `ALPHA = %x41-5A / %x61-7A`.
    @inline(__always) var isAlpha: Bool { (self | 0x20) >= 0x61 && (self | 0x20) <= 0x7A }
    /// ASCII lower case of a letter, anything else unchanged.
    @inline(__always) var lowercasedASCII: UInt8 { self >= 0x41 && self <= 0x5A ? self | 0x20 : self }
    /// The value of a hexadecimal digit, either case, or nil.
    @inline(__always) var hexValue: UInt8? {
        switch self {
        case 0x30...0x39: self - 0x30
        case 0x41...0x46: self - 0x37
        case 0x61...0x66: self - 0x57
        default: nil
        }
    }
}

/// Searches over raw bytes; `memchr` does the scanning so that large bodies are crossed at memory speed.
enum ByteSearch {
    /// The first index of `byte` in `buffer[from..<to]`, or nil.
    @inline(__always)
    static func index(of byte: UInt8, in buffer: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        guard from < to, let base = buffer.baseAddress else { return nil }
        guard let found = memchr(base + from, Int32(byte), to - from) else { return nil }
        return base.distance(to: UnsafeRawPointer(found))
    }

    private typealias MemmemFunction =
        @convention(c) (UnsafeRawPointer?, Int, UnsafeRawPointer?, Int) -> UnsafeMutableRawPointer?

    /// glibc's `memmem` (two-way search at memory speed). Swift's Glibc module does not export GNU extensions,
    /// so it is looked up once with `dlsym`; nil falls back to memchr + memcmp.
    private static let memmemFunction: MemmemFunction? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "memmem") else { return nil }
        return unsafeBitCast(symbol, to: MemmemFunction.self)
    }()

    /// The first index of `needle` in `buffer[from..<to]`, or nil.
    static func index(of needle: [UInt8], in buffer: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        guard let first = needle.first, let base = buffer.baseAddress else { return nil }
        if from >= to { return nil }
        if let memmem = memmemFunction {
            return needle.withUnsafeBytes { n -> Int? in
                guard let hit = memmem(base + from, to - from, n.baseAddress, n.count) else { return nil }
                return base.distance(to: UnsafeRawPointer(hit))
            }
        }
        var start = from
        let count = needle.count
        return needle.withUnsafeBytes { n -> Int? in
            while start + count <= to {
                guard let hit = index(of: first, in: buffer, from: start, to: to - count + 1) else { return nil }
                if memcmp(base + hit, n.baseAddress!, count) == 0 { return hit }
                start = hit + 1
            }
            return nil
        }
    }

    /// The first index of `needle`, which starts with `-`, in `buffer[from..<to]`: memchr for the dash, which
    /// base64 and most text lack, leaps over attachments faster than a general substring search.
    static func index(ofDashed needle: [UInt8], in buffer: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        guard let base = buffer.baseAddress, needle.count >= 2 else { return nil }
        let count = needle.count
        var start = from
        return needle.withUnsafeBytes { n -> Int? in
            while start + count <= to {
                guard let hit = index(of: 0x2D, in: buffer, from: start, to: to - count + 1) else { return nil }
                if buffer[hit + 1] == 0x2D, memcmp(base + hit, n.baseAddress!, count) == 0 { return hit }
                start = hit + 1
            }
            return nil
        }
    }

    /// The end of the line starting at `from` (the index of its LF, or `to`).
    @inline(__always)
    static func lineEnd(in buffer: UnsafeRawBufferPointer, from: Int, to: Int) -> Int {
        index(of: 0x0A, in: buffer, from: from, to: to) ?? to
    }

    /// Whether `buffer[at...]` starts with `prefix`, compared case-insensitively for ASCII letters.
    static func hasPrefix(
        _ prefix: [UInt8], in buffer: UnsafeRawBufferPointer, at: Int, to: Int, caseInsensitive: Bool = false
    ) -> Bool {
        guard at + prefix.count <= to else { return false }
        for k in 0..<prefix.count {
            let b = buffer[at + k]
            if caseInsensitive ? b.lowercasedASCII != prefix[k] : b != prefix[k] { return false }
        }
        return true
    }
}

/// Helpers for small byte arrays (header values, tokens).
extension Array where Element == UInt8 {
    /// The bytes without leading and trailing SP, HTAB, CR and LF.
    func trimmedWhitespace() -> ArraySlice<UInt8> {
        var lo = startIndex, hi = endIndex
        while lo < hi, self[lo].isWhitespace { lo += 1 }
        while hi > lo, self[hi - 1].isWhitespace { hi -= 1 }
        return self[lo..<hi]
    }
}

extension Collection where Element == UInt8 {
    /// ASCII lower-cased copy, as a String (for tokens: types, names, charsets).
    var lowercasedASCIIString: String { String(decoding: map { $0.lowercasedASCII }, as: UTF8.self) }
}

/// Text decoding of header bytes: UTF-8 when valid (RFC 6532), else Latin-1, so that no byte is lost.
enum HeaderText {
    /// Decodes raw header bytes.
    static func decode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var ascii = true
        for b in bytes where b >= 0x80 {
            ascii = false
            break
        }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        var out = String.UnicodeScalarView()
        for b in bytes { out.append(Unicode.Scalar(b)) }
        return String(out)
    }
}

extension UnsafeRawBufferPointer {
    /// The first index of `byte` at or after `from` (memchr), or nil.
    @inline(__always)
    func firstIndex(of byte: UInt8, from: Int) -> Int? {
        ByteSearch.index(of: byte, in: self, from: from, to: count)
    }
}
