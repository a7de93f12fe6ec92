import Foundation

/// What the end-to-end tests with real servers share (`ImapSyncTests`, `DropAddressTests`, `AlertDeliveryTests`' postfix test): without the server a
/// test skips saying why, except in CI, where `.ci/run` installs and starts it, so that its absence fails the
/// test instead of hiding it.
enum EndToEnd {
    /// Whether this is a CI run (`CI` set and not empty, as `.ci/run` and `Scripts/test` set it).
    static let inCI: Bool = !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty

    /// Whether a test that needs something `ready` says runs: always in CI (where it fails on its
    /// `#require(ready)`), elsewhere only when it is ready.
    static func runs(when ready: Bool) -> Bool { ready || inCI }
}
