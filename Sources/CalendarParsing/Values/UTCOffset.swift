/// A UTC-OFFSET value (RFC 5545, 3.3.14): `(+|-)HHMM[SS]`, in seconds east of UTC.
public enum UTCOffset {
    /// Seconds east of UTC, or nil.
    public static func parse(_ text: String) -> Int? {
        let bytes = Array(text.utf8.filter { $0 != 0x20 && $0 != UInt8(ascii: ":") })
        guard bytes.count == 5 || bytes.count == 7, bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-")
        else {
            return nil
        }
        var parts: [Int] = []
        var k = 1
        while k + 1 < bytes.count + 1, k < bytes.count {
            let a = bytes[k], b = bytes[k + 1]
            guard a >= 0x30, a <= 0x39, b >= 0x30, b <= 0x39 else { return nil }
            parts.append(Int(a - 0x30) * 10 + Int(b - 0x30))
            k += 2
        }
        guard parts.count >= 2, parts[0] < 24, parts[1] < 60 else { return nil }
        let total = parts[0] * 3600 + parts[1] * 60 + (parts.count > 2 ? parts[2] : 0)
        return bytes[0] == UInt8(ascii: "-") ? -total : total
    }
}
