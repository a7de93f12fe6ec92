import Testing

@testable import Ingest

/// The subject key worked out on bytes for ASCII subjects gives what the character walk gives.
@Suite struct SubjectKeyTests {
    /// Subjects made of the pieces that steer the key: prefixes in either case, colons, tags and counters of
    /// several lengths, parentheses, spaces, tabs and line feeds.
    static let pieces = [
        "Re", "RE", "re", "Fwd", "FW", "aw", "WG", "Antw", "r", "Reminder", ":", ": ", " ", "  ", "\t", "\n", "[", "]",
        "[2]", "[sales]", "[a-very-long-list-tag-name-here]", "(", ")", "Contract", "review", "x", "123", "Q4:",
        "Pricing  for", "[]",
    ]

    @Test func bytesAndCharactersAgree() {
        var seed: UInt64 = 42
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        var compared = 0
        for _ in 0..<20_000 {
            let subject = (0..<(1 + next(8))).map { _ in Self.pieces[next(Self.pieces.count)] }.joined()
            guard let fast = MessageFacts.asciiSubjectKey(subject) else {
                Issue.record("an ASCII subject without CR was not worked out on bytes: \(subject.debugDescription)")
                continue
            }
            #expect(fast == MessageFacts.characterSubjectKey(subject), "\(subject.debugDescription)")
            compared += 1
        }
        #expect(compared == 20_000)
    }

    @Test(
        "subjects the bytes cannot stand for go the character way",
        arguments: [
            ("Re: Caf\u{E9}", "caf\u{E9}"), ("AW：Angebot", "angebot"), ("Re: a\r\nb", "a\r\nb"),
            ("Re: a\rb", "a b"),
        ])
    func characterWay(subject: String, key: String) {
        #expect(MessageFacts.asciiSubjectKey(subject) == nil)
        #expect(MessageFacts.subjectKey(subject) == key)
    }

    @Test(
        "ASCII subjects",
        arguments: [
            ("Re: Fwd: Contract review", "contract review"), ("[sales] Re: Demo", "demo"), ("[sales]   ", "[sales]"),
            ("Re [2]: x", "re [2]: x"), ("Re[2]: Pricing  for   you", "pricing for you"), ("\tRE:\tA\nB ", "a b"),
        ])
    func ascii(subject: String, key: String) {
        #expect(MessageFacts.asciiSubjectKey(subject) == key)
        #expect(MessageFacts.characterSubjectKey(subject) == key)
    }
}
