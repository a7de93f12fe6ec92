/// Line ends as Baton's text fields carry them: CRLF and a lone CR become LF.
enum LineEnds {
    /// `bytes` with every CRLF and lone CR turned into LF, or nil when there is no CR (nothing to change).
    /// Works on UTF-8 as well as on any ASCII-compatible charset: a CR byte is never part of a multi-byte sequence.
    static func normalized<Bytes: RandomAccessCollection>(_ bytes: Bytes) -> [UInt8]?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        guard bytes.contains(0x0D) else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == 0x0D {
                if i + 1 >= bytes.endIndex || bytes[i + 1] != 0x0A { out.append(0x0A) }
            } else {
                out.append(b)
            }
            i += 1
        }
        return out
    }
}
