/// Content-Transfer-Encoding decoders (RFC 2045 section 6) and the decoded size of base64 without decoding.
enum TransferDecoding {
    /// The value of each base64 alphabet byte (RFC 4648 section 4), 0xFF for any other byte.
    static let base64Table: [UInt8] = {
        var t = [UInt8](repeating: 0xFF, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (n, c) in alphabet.enumerated() { t[Int(c)] = UInt8(n) }
        // The URL-safe alphabet (section 5) turns up in the wild too.
        t[Int(UInt8(ascii: "-"))] = 62
        t[Int(UInt8(ascii: "_"))] = 63
        return t
    }()

    /// Decodes base64, skipping line breaks and any byte outside the alphabet, stopping at padding.
    static func decodeBase64(_ buffer: UnsafeRawBufferPointer, _ range: Range<Int>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(range.count * 3 / 4)
        var acc: UInt32 = 0
        var n = 0
        base64Table.withUnsafeBufferPointer { table in
            for i in range {
                let c = buffer[i]
                if c == 0x3D { break }
                let v = table[Int(c)]
                if v == 0xFF { continue }
                acc = acc << 6 | UInt32(v)
                n += 1
                if n == 4 {
                    out.append(UInt8(truncatingIfNeeded: acc >> 16))
                    out.append(UInt8(truncatingIfNeeded: acc >> 8))
                    out.append(UInt8(truncatingIfNeeded: acc))
                    acc = 0
                    n = 0
                }
            }
        }
        if n == 2 {
            out.append(UInt8(truncatingIfNeeded: acc >> 4))
        } else if n == 3 {
            out.append(UInt8(truncatingIfNeeded: acc >> 10))
            out.append(UInt8(truncatingIfNeeded: acc >> 2))
        }
        return out
    }

    /// Per byte: 1 for a base64 alphabet byte, 0x40 for the padding `=`, 0 for anything skipped.
    static let base64CountTable: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for (n, v) in base64Table.enumerated() where v != 0xFF { t[n] = 1 }
        t[Int(UInt8(ascii: "="))] = 0x40
        return t
    }()

    /// The number of bytes `decodeBase64` would produce, counted without producing them: alphabet bytes are
    /// counted eight at a time across line breaks, up to the first `=`.
    static func base64DecodedSize(_ buffer: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int {
        guard !range.isEmpty, let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        var count = 0
        base64CountTable.withUnsafeBufferPointer { table in
            let t = table.baseAddress!
            var i = range.lowerBound
            let end = range.upperBound
            while i + 8 <= end {
                let p = base + i
                let sum =
                    Int(t[Int(p[0])]) + Int(t[Int(p[1])]) + Int(t[Int(p[2])]) + Int(t[Int(p[3])])
                    + Int(t[Int(p[4])]) + Int(t[Int(p[5])]) + Int(t[Int(p[6])]) + Int(t[Int(p[7])])
                if sum >= 0x40 { break }  // padding in this chunk: finish byte by byte
                count += sum
                i += 8
            }
            while i < end {
                let v = t[Int(base[i])]
                if v == 0x40 { break }
                count += Int(v)
                i += 1
            }
        }
        return count / 4 * 3 + (count % 4 == 2 ? 1 : count % 4 == 3 ? 2 : 0)
    }

    /// Decodes base64 in an encoded word: only alphabet and padding allowed (padding may be missing).
    static func decodeBase64Strict<C: Collection>(_ text: C) -> [UInt8]? where C.Element == UInt8 {
        var out = [UInt8]()
        var acc: UInt32 = 0
        var n = 0
        var padded = false
        for c in text {
            if c == 0x3D {
                padded = true
                continue
            }
            if padded { return nil }
            let v = base64Table[Int(c)]
            if v == 0xFF { return nil }
            acc = acc << 6 | UInt32(v)
            n += 1
            if n == 4 {
                out.append(UInt8(truncatingIfNeeded: acc >> 16))
                out.append(UInt8(truncatingIfNeeded: acc >> 8))
                out.append(UInt8(truncatingIfNeeded: acc))
                acc = 0
                n = 0
            }
        }
        if n == 1 { return nil }
        if n == 2 { out.append(UInt8(truncatingIfNeeded: acc >> 4)) }
        if n == 3 {
            out.append(UInt8(truncatingIfNeeded: acc >> 10))
            out.append(UInt8(truncatingIfNeeded: acc >> 2))
        }
        return out
    }

    /// Decodes quoted-printable (RFC 2045 section 6.7): soft line breaks removed (also after trailing
    /// whitespace), either case of hex accepted, an invalid `=` sequence kept as written.
    static func decodeQuotedPrintable(_ buffer: UnsafeRawBufferPointer, _ range: Range<Int>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            // Copy up to the next '=' in one go.
            let eq = ByteSearch.index(of: 0x3D, in: buffer, from: i, to: end) ?? end
            if eq > i {
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[i..<eq]))
            }
            if eq >= end { break }
            var k = eq + 1
            if k + 1 < end || k + 1 == end {
                if k + 1 < end, let h = buffer[k].hexValue, let l = buffer[k + 1].hexValue {
                    out.append(h << 4 | l)
                    i = k + 2
                    continue
                }
            }
            // Soft line break: '=' then optional whitespace then CRLF or LF (or the end).
            while k < end, buffer[k].isWSP { k += 1 }
            if k >= end {
                i = end
                continue
            }
            if buffer[k] == 0x0D, k + 1 < end, buffer[k + 1] == 0x0A {
                i = k + 2
                continue
            }
            if buffer[k] == 0x0A || buffer[k] == 0x0D {
                i = k + 1
                continue
            }
            out.append(0x3D)
            i = eq + 1
        }
        return out
    }

    /// Decodes a body by its transfer encoding; unknown encodings pass bytes through.
    static func decode(_ buffer: UnsafeRawBufferPointer, _ range: Range<Int>, encoding: String) -> [UInt8] {
        switch encoding {
        case "base64": decodeBase64(buffer, range)
        case "quoted-printable": decodeQuotedPrintable(buffer, range)
        default: Array(UnsafeRawBufferPointer(rebasing: buffer[range]))
        }
    }

    /// The decoded size of a body, decoding only quoted-printable (rare for large parts).
    static func decodedSize(_ buffer: UnsafeRawBufferPointer, _ range: Range<Int>, encoding: String) -> Int {
        switch encoding {
        case "base64": base64DecodedSize(buffer, range)
        case "quoted-printable": decodeQuotedPrintable(buffer, range).count
        default: range.count
        }
    }
}
