import Testing

@testable import BatonCore

@Suite struct VocabularyTests {
    @Test("a digest mode reads its configuration spelling and writes it back")
    func digestModeRoundTrip() {
        #expect(DigestMode("off") == .off)
        #expect(DigestMode("run") == .run)
        #expect(DigestMode("daily 08:30") == .daily(minutes: 510))
        #expect(DigestMode("daily 8:30") == nil)
        #expect(DigestMode("weekly") == nil)
        #expect(DigestMode.daily(minutes: 510).text == "daily 08:30")
        #expect(DigestMode.daily(minutes: 510).dailyMinutes == 510)
        #expect(DigestMode.run.dailyMinutes == nil)
    }

    @Test("an escalation target spells the manager's manager as the configuration does")
    func escalationTargetText() {
        #expect(EscalationTarget.managerOfManager.text == "manager_of_manager")
        #expect(EscalationTarget.address("vp@example.test").text == "vp@example.test")
    }

    @Test("a dedupe key reads and writes its stored form; text with no known prefix is none")
    func dedupeKeyForms() {
        #expect(DedupeKey.messageID("a@b").rawValue == "mid:a@b")
        #expect(DedupeKey(rawValue: "mid:a@b") == .messageID("a@b"))
        #expect(DedupeKey(rawValue: "inline:0f") == .inline("0f"))
        #expect(DedupeKey(rawValue: "hash:0f")?.form == .hash)
        #expect(DedupeKey(rawValue: "other:0f") == nil)
    }
}
