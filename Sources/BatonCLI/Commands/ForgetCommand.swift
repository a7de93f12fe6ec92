import BatonCore
import Foundation
import Ingest
import Store

/// `baton forget ADDRESS`: erases a person (GDPR art. 17) — their lead with every address, history and
/// interactions, the messages and meetings only they were party to, their traces in the others, their
/// notifications' content — and keeps a salted hash of each address so that later scans and imports skip them.
enum ForgetCommand: BatonCommand {
    static let path = ["forget"]
    static let arguments = "ADDRESS"
    static let summary = "erase a person (every address of their lead) and skip them from now on; print what went"
    static let options: [OptionSpec] = [
        .flag("dry-run", "erase nothing; print what would go"), .flag("json", "JSON output"),
    ]
    static let discussion = """
        The person is the lead that has ADDRESS among its addresses (all of them), else the address alone. A
        rep's or an internal address is refused (exit 64): a rep leaves by re-importing the reps without them.
        Afterwards the store file is rewritten (VACUUM) and its WAL emptied, so that no byte of the address or
        the name remains on disk; a scan running at the same time makes it exit 75 (run it again).
        """

    static func run(_ invocation: Invocation) throws -> ExitCode {
        let given = try invocation.onePositional("ADDRESS")
        let now = try invocation.now()
        let config = try invocation.loadConfig()
        let dryRun = invocation.arguments.flag("dry-run")
        let address = EmailAddress.normalize(given)
        guard EmailAddress.isValid(address) else {
            throw UsageError.badValue(option: "ADDRESS", value: given, expected: "an email address")
        }
        // A scan that read the forgotten hashes before this command would store the person again.
        let lock = config.isSharedStore ? nil : try ScanLock(storePath: config.store)
        defer { withExtendedLifetime(lock) {} }
        let store = try BatonStore(path: config.store)
        try store.takeExclusiveLease()
        let person = try PersonLookup(address: address, config: config, store: store)
        if person.isInternal {
            throw RefusedAddress(
                address: address,
                reason: "is a rep's or an internal address: a rep leaves by re-importing the reps without them")
        }
        let summary = try store.privacy.forget(
            person.selector, keys: person.keys, normalize: person.normalize, now: now, dryRun: dryRun)
        if !dryRun, !(try store.privacy.eraseFreedSpace()) {
            invocation.err.line(
                "baton: \(config.store): erased, but a reader kept the write-ahead log from being emptied; "
                    + "run baton forget \(address) again when it is idle")
            return .tryAgain
        }
        if invocation.json {
            invocation.out.line(
                JSONValue.object([
                    ("address", .string(address)), ("leads", .int(summary.leads)),
                    ("messages", .int(summary.messages)), ("interactions", .int(summary.interactions)),
                    ("meetings", .int(summary.meetings)), ("notifications", .int(summary.notifications)),
                ]).pretty)
            return .ok
        }
        func count(_ n: Int, _ word: String) -> String {
            "\(n) \(word)\(n == 1 ? "" : word.hasSuffix("s") ? "es" : "s")"
        }
        invocation.out.line(
            "\(address): \(dryRun ? "would remove" : "removed") \(count(summary.leads, "lead")), "
                + "\(count(summary.messages, "message")), \(count(summary.interactions, "interaction")), "
                + "\(count(summary.meetings, "meeting")); \(count(summary.notifications, "notification")) "
                + (dryRun ? "would be erased" : "erased (their keys kept)"))
        if invocation.verbose && !dryRun {
            invocation.out.line(
                "kept a salted hash of \(count(summary.addresses.count, "address")): later scans and imports skip them")
        }
        return .ok
    }
}

/// An address that `baton forget` will not erase (exit 64).
struct RefusedAddress: CommandLineError {
    let address: String
    let reason: String
    var exitCode: ExitCode { .usage }
    var description: String { "\(address) \(reason)" }
}
