import BatonCore
import Foundation

/// Marketing's spend per source and month (`store.spend`), imported from the spend file and read by the reports.
/// Not people, mail or a cursor, so a topic of its own; like every topic of `BatonStore`, a value that holds the
/// store's connection and nothing else, writing inside whatever unit of work its caller opened.
public struct SpendLedger {
    /// The store's connection.
    let database: any Database

    /// Upserts the rows by source, month and currency, in one transaction: a new key is inserted, a changed amount
    /// updated (with the import's time), an equal one left alone (no write). Rows the file no longer has are kept:
    /// nothing a user gave is deleted. `rejected` are the file's own findings, reported with the summary.
    public func importSpend(
        _ records: [SpendRecord], rejected: [RowProblem] = [], file: String, at now: Int64
    ) throws -> ImportSummary {
        var summary = ImportSummary(rejected: rejected)
        try database.transaction {
            for record in records {
                let existing = try database.query(
                    "SELECT id, amount_minor FROM spend WHERE source = ? AND month = ? AND currency = ?",
                    record.source, record.month.description, record.amount.currency
                ).first
                guard let existing else {
                    try database.execute(
                        "INSERT INTO spend (source, month, amount_minor, currency, imported_at) VALUES (?, ?, ?, ?, ?)",
                        record.source, record.month.description, record.amount.minor, record.amount.currency, now)
                    summary.inserted += 1
                    continue
                }
                if try existing.requiredInt("amount_minor") == record.amount.minor {
                    summary.unchanged += 1
                    continue
                }
                try database.execute(
                    "UPDATE spend SET amount_minor = ?, imported_at = ? WHERE id = ?", record.amount.minor, now,
                    try existing.requiredInt("id"))
                summary.updated += 1
            }
            // Logged only when it changed something, so a repeated import leaves the store as it was.
            if summary.inserted + summary.updated > 0 {
                try database.execute(
                    """
                    INSERT INTO imports (kind, file, imported_at, inserted, updated, unchanged, rejected)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, ImportKind.spend.rawValue, file, now, summary.inserted, summary.updated, summary.unchanged,
                    summary.rejected.count)
            }
        }
        return summary
    }

    /// Every stored row from month `from` through month `through` (both included), by month, source and currency.
    public func rows(from: YearMonth, through: YearMonth) throws -> [StoredSpend] {
        let rows = try database.query(
            """
            SELECT source, month, amount_minor, currency, imported_at FROM spend
            WHERE month >= ? AND month <= ? ORDER BY month, source, currency
            """, from.description, through.description)
        return try rows.map { row in
            let monthText = try row.requiredText("month")
            guard let month = YearMonth(monthText) else {
                throw StoreError(
                    kind: .badValue(column: "month"), path: database.path,
                    message: "column month: '\(monthText)' is not YYYY-MM")
            }
            return StoredSpend(
                source: try row.requiredText("source"), month: month,
                amount: Money(minor: try row.requiredInt("amount_minor"), currency: try row.requiredText("currency")),
                importedAt: try row.requiredInt("imported_at"))
        }
    }
}
