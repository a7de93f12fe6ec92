/// The flags of a Maildir file name's `:2,FLAGS` suffix (the Maildir specification, "info semantics").
public struct MaildirFlags: OptionSet, Sendable, Equatable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `P`: passed (forwarded).
    public static let passed = MaildirFlags(rawValue: 1 << 0)
    /// `R`: replied.
    public static let replied = MaildirFlags(rawValue: 1 << 1)
    /// `S`: seen.
    public static let seen = MaildirFlags(rawValue: 1 << 2)
    /// `T`: trashed.
    public static let trashed = MaildirFlags(rawValue: 1 << 3)
    /// `D`: draft.
    public static let draft = MaildirFlags(rawValue: 1 << 4)
    /// `F`: flagged.
    public static let flagged = MaildirFlags(rawValue: 1 << 5)

    /// The unique name (before `:2,` or `!2,`) and the flags of a Maildir file name.
    public static func parse(fileName: String) -> (unique: String, flags: MaildirFlags) {
        // The info starts at the last ":2," (or "!2," / ";2," on file systems that forbid colons).
        let bytes = Array(fileName.utf8)
        var k = bytes.count - 3
        while k >= 0 {
            if (bytes[k] == 0x3A || bytes[k] == 0x21 || bytes[k] == 0x3B) && bytes[k + 1] == 0x32
                && bytes[k + 2] == 0x2C
            {
                var flags = MaildirFlags()
                for c in bytes[(k + 3)...] {
                    switch c {
                    case 0x50: flags.insert(.passed)
                    case 0x52: flags.insert(.replied)
                    case 0x53: flags.insert(.seen)
                    case 0x54: flags.insert(.trashed)
                    case 0x44: flags.insert(.draft)
                    case 0x46: flags.insert(.flagged)
                    default: break
                    }
                }
                return (String(decoding: bytes[..<k], as: UTF8.self), flags)
            }
            k -= 1
        }
        return (fileName, [])
    }
}
