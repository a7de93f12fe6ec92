import Foundation

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
        for separator in [":2,", "!2,", ";2,"] {
            if let r = fileName.range(of: separator) {
                var flags = MaildirFlags()
                for c in fileName[r.upperBound...] {
                    switch c {
                    case "P": flags.insert(.passed)
                    case "R": flags.insert(.replied)
                    case "S": flags.insert(.seen)
                    case "T": flags.insert(.trashed)
                    case "D": flags.insert(.draft)
                    case "F": flags.insert(.flagged)
                    default: break
                    }
                }
                return (String(fileName[..<r.lowerBound]), flags)
            }
        }
        return (fileName, [])
    }
}
