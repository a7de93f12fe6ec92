import BatonCore
import Foundation

/// The spend file: `source,month,amount,currency`, Baton's own columns whatever the preset (a CRM does not export
/// it; marketing writes it).
extension CRMImportReader {
    /// The spend file's columns, all required.
    static let spendColumns = ["source", "month", "amount", "currency"]

    /// Reads a spend file. A row is rejected, with its line and every reason, when its source is empty, its month
    /// is not `YYYY-MM` or is after the month of `now` in the configuration's zone, its currency is not an ISO 4217
    /// code, or its amount is not a decimal with `.` (`Money.parse`) or is negative. Two rows for the same source,
    /// month and currency are both rejected, each naming the other's line: which one is right cannot be told.
    public func spend(_ bytes: [UInt8], file: String, now: Int64) throws(ImportFileError) -> ParsedImport<SpendRecord> {
        let (header, rows) = try split(bytes, file: file)
        let folded = header.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
        var layout = Layout()
        for column in Self.spendColumns {
            guard let index = folded.firstIndex(of: column) else {
                throw ImportFileError(
                    file: file,
                    reason: "line 1: no '\(column)' column (a spend file has source, month, amount, currency; "
                        + "headers: \(header.joined(separator: ", ")))")
            }
            layout.positions[column] = [index]
        }
        let thisMonth = YearMonth(containing: now, in: zone)
        var result = ParsedImport<SpendRecord>()
        for row in rows {
            if let problem = Self.tooWide(row) {
                result.rejected.append(problem)
                continue
            }
            switch Self.spendRow(row, layout: layout, thisMonth: thisMonth) {
            case .success(let record): result.records.append(record)
            case .failure(let problem): result.rejected.append(problem)
            }
        }
        return Self.rejectingDuplicates(result)
    }

    /// One row's record, or every reason it is rejected.
    static func spendRow(_ row: CSVRecord, layout: Layout, thisMonth: YearMonth) -> Result<SpendRecord, RowProblem> {
        let f = row.fields
        var problems: [String] = []
        let source = layout.value("source", in: f)
        if source == nil { problems.append("source: empty") }
        var month: YearMonth?
        if let raw = layout.value("month", in: f) {
            month = YearMonth(raw)
            if let m = month, m > thisMonth {
                problems.append("month: \(m) is in the future (this month is \(thisMonth))")
            } else if month == nil {
                problems.append("month: '\(shown(raw))' is not a month (expected YYYY-MM, e.g. 2026-11)")
            }
        } else {
            problems.append("month: empty")
        }
        var currency: String?
        if let raw = layout.value("currency", in: f) {
            do throws(Money.ParseError) {
                currency = try Money.currencyCode(raw)
            } catch {
                problems.append("currency: '\(shown(raw))' is not an ISO 4217 currency code")
            }
        } else {
            problems.append("currency: empty")
        }
        var amount: Money?
        if let raw = layout.value("amount", in: f) {
            if let currency {
                do throws(Money.ParseError) {
                    let money = try Money.parse(raw, currency: currency)
                    if money.minor < 0 {
                        problems.append("amount: negative spend '\(shown(raw))'")
                    } else {
                        amount = money
                    }
                } catch {
                    problems.append("amount: \(shown(error.description))")
                }
            }
        } else {
            problems.append("amount: empty")
        }
        guard problems.isEmpty, let source, let month, let amount else {
            return .failure(RowProblem(line: row.line, reason: problems.joined(separator: "; ")))
        }
        return .success(SpendRecord(line: row.line, source: source, month: month, amount: amount))
    }

    /// Rejects every row whose source, month and currency another row of the file also has.
    static func rejectingDuplicates(_ parsed: ParsedImport<SpendRecord>) -> ParsedImport<SpendRecord> {
        struct Key: Hashable {
            let source: String
            let month: YearMonth
            let currency: String
        }
        var lines: [Key: [Int]] = [:]
        for record in parsed.records {
            lines[Key(source: record.source, month: record.month, currency: record.amount.currency), default: []]
                .append(record.line)
        }
        var result = parsed
        result.records = []
        for record in parsed.records {
            let key = Key(source: record.source, month: record.month, currency: record.amount.currency)
            let others = (lines[key] ?? []).filter { $0 != record.line }
            if others.isEmpty {
                result.records.append(record)
            } else {
                let otherLines = others.map { "line \($0)" }.joined(separator: ", ")
                result.rejected.append(
                    RowProblem(
                        line: record.line,
                        reason: "source '\(shown(record.source))', month \(record.month) and currency "
                            + "\(record.amount.currency) are also on \(otherLines): none of these rows is imported"))
            }
        }
        result.rejected.sort { $0.line < $1.line }
        return result
    }
}
