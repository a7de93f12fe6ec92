import Foundation
import Testing

@testable import BatonCore

/// The `privacy` key: its defaults, its values and the errors that name its fields.
@Suite struct PrivacyConfigTests {
    static func with(_ privacy: String) -> String {
        ConfigLoaderTests.minimal.replacingOccurrences(
            of: "\n  \"alerts\"", with: "\n  \"privacy\": \(privacy),\n  \"alerts\"")
    }

    @Test("without privacy, subjects are stored and nothing expires")
    func defaults() throws {
        let c = try ConfigLoaderTests.config(ConfigLoaderTests.minimal)
        #expect(c.privacy == Config.Privacy(subjects: .store, retention: nil))
    }

    @Test("privacy reads subjects and a calendar-time retention")
    func values() throws {
        let c = try ConfigLoaderTests.config(Self.with(#"{"subjects": "hash", "retention": "730d"}"#))
        #expect(c.privacy.subjects == .hash)
        #expect(c.privacy.retention == DurationSpec(amount: 730, unit: .days))
        #expect(c.privacy.retention?.calendarSeconds == 63_072_000)
        #expect(try ConfigLoaderTests.config(Self.with(#"{"subjects": "drop"}"#)).privacy.subjects == .drop)
    }

    @Test(
        "a bad privacy value is named by its path",
        arguments: [
            (#"{"subjects": "hide"}"#, "privacy.subjects: 'hide' is not one of store, hash, drop"),
            (
                #"{"retention": "two years"}"#,
                "privacy.retention: bad duration 'two years': expected a whole number and a unit m, h, d or w (90m, 4h, 1d, 2w)"
            ),
            (
                #"{"retention": "0d"}"#,
                "privacy.retention: bad duration '0d': expected a whole number and a unit m, h, d or w (90m, 4h, 1d, 2w)"
            ),
            (#"{"subject": "drop"}"#, "privacy.subject: unknown key (did you mean 'subjects'?)"),
            (#""drop""#, "privacy: expected an object, got a string"),
        ])
    func problems(privacy: String, problem: String) {
        #expect(ConfigLoaderTests.problems(Self.with(privacy)) == [problem])
    }
}
