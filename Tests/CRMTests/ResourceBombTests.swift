import BatonCore
import Foundation
import TestSupport
import Testing

@testable import CRM

/// The shared sizes and memory probe (`TestSupport`).
typealias Bomb = ResourceBomb

/// Hostile CRM exports: each ends, bounded, with an error naming the line and the limit.
@Suite(.serialized) struct ResourceBombTests {
    /// Each test gets a new instance: the peak starts from here.
    init() { Bomb.resetPeak() }

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
