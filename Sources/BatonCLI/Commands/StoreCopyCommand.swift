import BatonCore
import Foundation
import Store

/// `baton store copy --to STORE`: every row of the configured store into a new store of the other kind.
enum StoreCopyCommand: BatonCommand {
    static let path = ["store", "copy"]
    static let arguments = ""
    static let summary = "copy every row into a new, empty store: SQLite to PostgreSQL or back"
    static let options: [OptionSpec] = [
        .value("to", "STORE", "the new store: an SQLite file, or a postgresql:// URI without a password"),
        .flag("json", "JSON output"),
    ]
    static let discussion = """
        Reads one consistent state of the configured store (scans may keep running; the source is not changed)
        and writes it into STORE in one transaction, creating STORE's schema when it is new. Every table's rows
        are counted on both sides before the copy commits; a STORE that already holds rows exits 73 untouched.
        Then point the configuration's store at STORE. Silent on success; --verbose lists the tables.
        """

    static func run(_ invocation: Invocation) throws -> ExitCode {
        try invocation.noPositionals()
        guard let given = invocation.arguments.value("to") else {
            throw UsageError.missingArgument("--to STORE")
        }
        let config = try invocation.loadConfig()
        let target = Config.isSharedStore(given) ? given : invocation.resolve(given)
        if Config.isSharedStore(target) && Config.uriHoldsPassword(target) {
            throw UsageError.badValue(
                option: "to", value: "(a URI with a password)",
                expected: "a URI without its password (libpq reads ~/.pgpass, PGPASSFILE or PGPASSWORD)")
        }
        try StoreFile.requireExisting(config.store)
        guard target != config.store else {
            throw UsageError.badValue(option: "to", value: given, expected: "another store than the configured one")
        }
        let source = try BatonStore(path: config.store)
        let copy = try BatonStore(path: target)
        let tables = try StoreCopy.copy(from: source, to: copy)
        if invocation.json {
            invocation.out.line(
                JSONValue.object([
                    ("from", .string(config.store)), ("to", .string(target)),
                    ("tables", .array(tables.map { .object([("name", .string($0.name)), ("rows", .int($0.rows))]) })),
                ]).pretty)
        } else if invocation.verbose {
            var table = TextTable(["table", "rows"])
            for t in tables { table.add([t.name, t.rows.map(String.init) ?? "?"]) }
            invocation.out.line("copied \(config.store) to \(target):")
            invocation.out.write(table.rendered + "\n")
        }
        return .ok
    }
}
