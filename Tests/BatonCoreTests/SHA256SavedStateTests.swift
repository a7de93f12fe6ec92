import BatonCore
import Testing

/// A hash's state kept as text, for a later process to go on hashing (the match directory's fingerprint).
@Suite struct SHA256SavedStateTests {
    /// A hash saved and restored at any point, in or between blocks, gives the digest of hashing in one go.
    @Test func savedStateGoesOn() throws {
        let text = Array((0..<300).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) })
        var whole = SHA256()
        whole.update(text)
        let expected = whole.finish()
        for cut in [0, 1, 55, 63, 64, 65, 128, 200, 299, 300] {
            var first = SHA256()
            first.update(text[..<cut])
            let saved = first.savedState
            #expect(saved.count == 80 + 2 * (cut % 64))
            var restored = try #require(SHA256(savedState: saved))
            restored.update(text[cut...])
            #expect(restored.finish() == expected, "cut at \(cut)")
        }
    }

    @Test func savedStateOfANewHash() throws {
        let saved = SHA256().savedState
        #expect(saved == "6a09e667bb67ae853c6ef372a54ff53a510e527f9b05688c1f83d9ab5be0cd19" + "0000000000000000")
        var restored = try #require(SHA256(savedState: saved))
        #expect(restored.finish() == SHA256.digest(of: ""))
    }

    @Test func notASavedState() {
        let valid = SHA256().savedState
        #expect(SHA256(savedState: "") == nil)
        #expect(SHA256(savedState: String(valid.dropLast())) == nil)
        #expect(SHA256(savedState: String(valid.dropLast(2))) == nil)
        #expect(SHA256(savedState: valid.replacingFirst("6", with: "g")) == nil)
        #expect(SHA256(savedState: valid.uppercased()) == nil)
        // Eight bytes of length 0 with one pending byte: the length disagrees.
        #expect(SHA256(savedState: valid + "61") == nil)
        #expect(SHA256(savedState: valid + String(repeating: "00", count: 64)) == nil)
    }
}

extension SHA256 {
    fileprivate static func digest(of text: String) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(text)
        return hasher.finish()
    }
}

extension String {
    fileprivate func replacingFirst(_ old: Character, with new: Character) -> String {
        guard let i = firstIndex(of: old) else { return self }
        var copy = self
        copy.replaceSubrange(i...i, with: String(new))
        return copy
    }
}
