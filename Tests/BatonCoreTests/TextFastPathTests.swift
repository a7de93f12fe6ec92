import BatonCore
import Foundation
import TestSupport
import Testing

/// The CSV import's fast paths (`trimmedWhitespace`, `EmailAddress`, `Stage(id:)`) give what the Foundation calls
/// they stand in for give, on strings chosen to sit at their edges and on many random ones.
@Suite struct TextFastPathTests {
    /// Characters at the edges of the fast paths: printable ASCII, ASCII and Unicode white space, controls, the
    /// address specials, letters outside ASCII (and one whose lower case is longer), a combining mark.
    static let alphabet: [Character] = [
        "a", "Z", "0", "-", ".", "_", "@", "+", " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}",
        "\u{2003}", "\u{3000}", "\u{2028}", "\u{1}", "\u{7F}", "<", ">", "(", ")", "[", "]", ",", ";", ":", "\\",
        "\"", "é", "ß", "İ", "\u{301}", "~", "!", "Σ", "m", "a", "i", "l", "t", "o",
    ]

    static func strings() -> [String] {
        var random = SplitMix64(state: 7)
        var out = [
            "", " ", "a", " a", "a ", "\u{A0}x\u{A0}", "\u{3000}dana@acme.com", "dana@acme.com\n", "\tmql\t",
            "MAILTO:Dana@Acme.com", "<mailto:a@b.co>", "İx@acme.com", "a@b.c-d.com", "a@-b.com", "a@b_c.com",
            "a@bé.com", "a b@c.com", "on hold", "On-Hold", "sql", "SQL ", "2026-11-16", " 2026-11-16 09:00 ",
            // The limits and the dots and hyphens of the address rules.
            String(repeating: "l", count: 64) + "@x.com", String(repeating: "l", count: 65) + "@x.com",
            "a@" + String(repeating: "d", count: 63) + ".com", "a@" + String(repeating: "d", count: 64) + ".com",
            "a@" + String(repeating: "abcdefghi.", count: 24) + "abcdefghi.com",
            "a@" + String(repeating: "abcdefghi.", count: 24) + "abcdefghi.comx", "a@localhost", "a@LOCALHOST",
            "a@b..c", ".a@b.c", "a.@b.c", "a..b@c.d", "a.b@c.d", "a@-b.c", "a@b-.c", "a@b.c-", "a@b.c\r\n", "a@b@c.d",
            "@b.c", "a@", "a@.b", "a@b.", "a@b", "a@b-c.d", "a@1.2",
        ]
        for _ in 0..<5000 {
            let length = Int(random.next() % 12)
            out.append(String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }))
        }
        // Shapes of addresses, with random characters in their parts.
        for s in out.prefix(2000) { out.append("x\(s)@acme\(s).com") }
        return out
    }

    /// `EmailAddress.isValid` as it read before its fast path: the reference.
    static func referenceIsValid(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last else { return false }
        guard !local.isEmpty, local.count <= 64, !domain.isEmpty, domain.count <= 253 else { return false }
        for scalar in address.unicodeScalars {
            if scalar.value <= 0x20 || scalar.value == 0x7F || "<>()[],;:\\\"".unicodeScalars.contains(scalar) {
                return false
            }
        }
        if local.hasPrefix(".") || local.hasSuffix(".") || local.contains("..") { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return domain == "localhost" }
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy {
                    $0.value > 0x7F || CharacterSet.alphanumerics.contains($0) || $0 == "-"
                }
        }
    }

    /// `EmailAddress.normalize` as it read before: the reference.
    static func referenceNormalize(_ raw: String) -> String {
        var s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if s.hasPrefix("<") && s.hasSuffix(">") { s = String(s.dropFirst().dropLast()) }
        if s.lowercased().hasPrefix("mailto:") { s = String(s.dropFirst(7)) }
        return s.lowercased()
    }

    @Test("trimming, addresses and stages agree with the Foundation calls on 7,048 strings")
    func agree() {
        let strings = Self.strings()
        #expect(strings.count == 7048)
        var valid = 0
        for s in strings {
            #expect(s.trimmedWhitespace() == s.trimmingCharacters(in: .whitespacesAndNewlines), "\(s.debugDescription)")
            #expect(
                s.trimmedWhitespace(includingNewlines: false) == s.trimmingCharacters(in: .whitespaces),
                "\(s.debugDescription)")
            #expect(EmailAddress.normalize(s) == Self.referenceNormalize(s), "\(s.debugDescription)")
            #expect(EmailAddress.isValid(s) == Self.referenceIsValid(s), "\(s.debugDescription)")
            if EmailAddress.isValid(s) { valid += 1 }
            let folded = s.trimmingCharacters(in: .whitespaces).lowercased()
                .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
            #expect(Stage(id: s) == Stage(rawValue: folded), "\(s.debugDescription)")
        }
        // The random addresses reach both answers.
        #expect(valid == 297)
        #expect(Stage(id: " On-Hold ") == .onHold)
        #expect(Stage(id: "sql") == .sql)
    }
}
