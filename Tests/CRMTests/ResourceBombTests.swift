import BatonCore
import Foundation
import Testing

@testable import CRM

#if canImport(Glibc)
    import Glibc
#endif

/// Sizes of the resource bombs: full with `BATON_SOAK=1` (`Scripts/bombs`), a hundredth otherwise.
enum Bomb {
    /// Whether the bombs run at full size.
    static let soak = ProcessInfo.processInfo.environment["BATON_SOAK"] == "1"

    /// `full` in soak mode, else a hundredth of it.
    static func size(_ full: Int) -> Int { soak ? full : full / 100 }

    /// The process's peak resident set so far (`getrusage(2)`; Linux reports kilobytes). Tests share the
    /// process, so this bounds the whole run, not one bomb.
    static var peakResidentBytes: Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }

    /// The memory no bomb may push the process past.
    static let memoryBound = 2 << 30
}

/// Hostile CRM exports: each ends, bounded, with an error naming the line and the limit.
@Suite(.serialized) struct ResourceBombTests {
    /// One line of `columns` fields, each a little over the inline-string size so that each would cost a heap
    /// allocation if kept.
    static func wideLine(_ columns: Int) -> [UInt8] {
        var line = [UInt8]()
        line.reserveCapacity(columns * 21)
        let field = Array("abcdefghijklmnopqrst".utf8)
        for n in 0..<columns {
            if n > 0 { line.append(UInt8(ascii: ",")) }
            line += field
        }
        return line
    }

    @Test("a row with a million columns is cut at the field limit and rejected by the line it starts on")
    func millionColumnRow() throws {
        let columns = Bomb.size(1_000_000)
        let csv =
            Array("external_id,email,name\nL1,a@acme.com,A\n".utf8) + Self.wideLine(columns)
            + Array("\nL3,c@acme.com,C\n".utf8)
        let records = try CSVReader.records(csv)
        #expect(records.map(\.fields.count) == [3, 3, CSVReader.maxFields, 3])
        #expect(records.map(\.droppedFields) == [0, 0, columns - CSVReader.maxFields, 0])
        let parsed = try CRMImportReader(config: CRMImportReaderTests.config()).leads(csv, file: "leads.csv")
        #expect(parsed.records.map(\.line) == [2, 4])
        #expect(
            parsed.rejected == [
                RowProblem(line: 3, reason: "\(columns) columns, more than \(CSVReader.maxFields); row not read")
            ])
        #expect(Bomb.peakResidentBytes < Bomb.memoryBound)
    }

    @Test("a header with a million columns rejects the whole file, naming line 1")
    func millionColumnHeader() throws {
        let columns = Bomb.size(1_000_000)
        let csv = Self.wideLine(columns) + Array("\nx@acme.com\n".utf8)
        let reader = try CRMImportReader(config: CRMImportReaderTests.config())
        #expect(
            throws: ImportFileError(
                file: "reps.csv",
                reason: "line 1: \(columns) columns in the header, more than \(CSVReader.maxFields); not a CRM export")
        ) {
            try reader.reps(csv, file: "reps.csv")
        }
        #expect(Bomb.peakResidentBytes < Bomb.memoryBound)
    }
}
