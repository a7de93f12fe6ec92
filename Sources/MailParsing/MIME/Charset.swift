#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Text decoding by MIME charset name: hand-written fast paths for UTF-8, ASCII, Latin-1 and Windows-1252,
/// glibc `iconv` for the rest, and UTF-8 with U+FFFD for an unknown name (with a diagnostic).
enum Charset {
    /// The fast paths.
    enum Known {
        case utf8, latin1, windows1252
    }

    /// Maps a charset label to a fast path or an iconv name.
    static func resolve(_ label: String) -> (known: Known?, iconvName: String?) {
        var name = label.lowercased()
        if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
        name = name.trimmingWhitespace()
        switch name {
        case "", "us-ascii", "ascii", "utf-8", "utf8", "ansi_x3.4-1968", "us", "iso646-us", "x-unknown", "unknown",
            "unknown-8bit", "default", "7bit", "8bit":
            return (.utf8, nil)
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso_8859-1", "iso-ir-100", "cp819":
            return (.latin1, nil)
        case "windows-1252", "cp1252", "win-1252", "x-cp1252", "ms-ansi":
            return (.windows1252, nil)
        case "gb2312", "gbk", "x-gbk", "cp936", "euc-cn": return (nil, "GB18030")
        case "ks_c_5601-1987", "ks_c_5601", "euc-kr", "cp949", "x-windows-949": return (nil, "CP949")
        case "iso-8859-8-i", "iso-8859-8-e": return (nil, "ISO-8859-8")
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "cp932", "windows-31j": return (nil, "CP932")
        case "big5", "big5-hkscs", "cp950": return (nil, "BIG5-HKSCS")
        default: return (nil, name.uppercased())
        }
    }

    /// Decodes `bytes` in `charset`; never fails.
    static func decode(_ bytes: [UInt8], charset: String, diagnostics: inout [MailDiagnostic]) -> String {
        bytes.withUnsafeBytes { decode($0, charset: charset, diagnostics: &diagnostics) }
    }

    /// Decodes raw bytes in `charset`; never fails.
    static func decode(_ bytes: UnsafeRawBufferPointer, charset: String, diagnostics: inout [MailDiagnostic]) -> String
    {
        let (known, iconvName) = resolve(charset)
        if let known {
            return decodeKnown(bytes, known)
        }
        if let iconvName, let text = decodeWithIconv(bytes, iconvName) { return text }
        diagnostics.append(MailDiagnostic(.unknownCharset, "charset '\(charset)' unknown; read as UTF-8"))
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func decodeKnown(_ bytes: UnsafeRawBufferPointer, _ known: Known) -> String {
        switch known {
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .latin1, .windows1252:
            var ascii = true
            for b in bytes where b >= 0x80 {
                ascii = false
                break
            }
            if ascii { return String(decoding: bytes, as: UTF8.self) }
            var out = String.UnicodeScalarView()
            for b in bytes {
                if known == .windows1252, b >= 0x80, b <= 0x9F {
                    out.append(Unicode.Scalar(windows1252High[Int(b - 0x80)]) ?? "\u{FFFD}")
                } else {
                    out.append(Unicode.Scalar(b))
                }
            }
            return String(out)
        }
    }

    /// Windows-1252 0x80…0x9F (the rest is Latin-1); undefined positions map to U+FFFD.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
        0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    /// Converts with glibc iconv; an invalid byte becomes U+FFFD and conversion goes on. Nil for an unknown name.
    private static func decodeWithIconv(_ bytes: UnsafeRawBufferPointer, _ name: String) -> String? {
        let cd = iconv_open("UTF-8", name)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2 + 16)
        guard let inBase = bytes.baseAddress else { return "" }
        var chunk = [UInt8](repeating: 0, count: 4096)
        var inPtr = UnsafeMutablePointer(mutating: inBase.assumingMemoryBound(to: CChar.self))
        var inLeft = bytes.count
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        var steps = 0
        while inLeft > 0 {
            steps += 1
            if steps > bytes.count * 2 + 1024 { break }  // belt and braces against a converter that stalls
            let (result, produced): (Int, Int) = chunk.withUnsafeMutableBytes { raw in
                var outPtr: UnsafeMutablePointer<CChar>? = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                var outLeft = raw.count
                var inOpt: UnsafeMutablePointer<CChar>? = inPtr
                let r = iconv(cd, &inOpt, &inLeft, &outPtr, &outLeft)
                inPtr = inOpt!
                return (r, raw.count - outLeft)
            }
            out.append(contentsOf: chunk[0..<produced])
            if result == -1 {
                let e = errno
                if e == E2BIG { continue }
                // EILSEQ or EINVAL (incomplete at the end): skip one byte.
                out.append(contentsOf: replacement)
                inPtr += 1
                inLeft -= 1
                if e == EINVAL && inLeft == 0 { break }
            }
        }
        // Flush any shift state (ISO-2022-JP).
        chunk.withUnsafeMutableBytes { raw in
            var outPtr: UnsafeMutablePointer<CChar>? = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
            var outLeft = raw.count
            _ = iconv(cd, nil, nil, &outPtr, &outLeft)
            out.append(contentsOf: raw[0..<(raw.count - outLeft)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    /// The string without leading and trailing ASCII whitespace.
    func trimmingWhitespace() -> String {
        let u = utf8
        var lo = u.startIndex
        var hi = u.endIndex
        @inline(__always) func ws(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        while lo < hi, ws(u[lo]) { lo = u.index(after: lo) }
        while hi > lo, ws(u[u.index(before: hi)]) { hi = u.index(before: hi) }
        if lo == u.startIndex && hi == u.endIndex { return self }
        return String(self[lo..<hi])
    }
}
