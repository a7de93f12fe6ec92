import Testing

@testable import CRM

@Suite struct CSVReaderTests {
    static func records(_ text: String) throws -> [CSVRecord] { try CSVReader.records(Array(text.utf8)) }

    @Test("quoted fields hold commas, doubled quotes and line breaks; records keep the line they start on")
    func quoted() throws {
        let text = "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nplain,,end\n"
        #expect(
            try Self.records(text) == [
                CSVRecord(line: 1, fields: ["a", "b", "c"]),
                CSVRecord(line: 2, fields: ["x, y", "say \"hi\"", "two\nlines"]),
                CSVRecord(line: 4, fields: ["plain", "", "end"]),
            ])
    }

    @Test("CRLF and LF line ends, a BOM, blank lines and a missing final line end")
    func lineEnds() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("h1,h2\r\n\r\n1,2\r\n3,\"4\r\n5\"\n\n6,7".utf8)
        #expect(
            try CSVReader.records(bytes) == [
                CSVRecord(line: 1, fields: ["h1", "h2"]), CSVRecord(line: 3, fields: ["1", "2"]),
                CSVRecord(line: 4, fields: ["3", "4\r\n5"]), CSVRecord(line: 7, fields: ["6", "7"]),
            ])
    }

    @Test("bytes that are not UTF-8 are read as Windows-1252")
    func windows1252() throws {
        let bytes: [UInt8] = Array("name,price\n".utf8) + [0x43, 0x61, 0x66, 0xE9, 0x2C, 0x80, 0x35, 0x93, 0x71, 0x94]
        #expect(try CSVReader.records(bytes)[1] == CSVRecord(line: 2, fields: ["Café", "€5“q”"]))
    }

    @Test("UTF-8 text is kept as written")
    func utf8() throws {
        #expect(try Self.records("n\nJosé Ñúñez 山田\n")[1].fields == ["José Ñúñez 山田"])
    }

    @Test("a header separated by semicolons switches the separator (Excel in European locales)")
    func semicolons() throws {
        #expect(try Self.records("email;name\na@b.de;\"Müller; Hans\"\n")[1].fields == ["a@b.de", "Müller; Hans"])
    }

    @Test("a quote inside an unquoted field is kept as written")
    func strayQuote() throws {
        #expect(try Self.records("a,b\n5\" disk,x\n")[1].fields == ["5\" disk", "x"])
    }

    @Test("a quoted field never closed is an error naming the line where its record starts")
    func unterminated() {
        #expect(throws: CSVError.unterminatedQuote(line: 3)) { try Self.records("a,b\n1,2\n3,\"open\nmore\n") }
    }

    @Test("an empty file has no header")
    func empty() {
        #expect(throws: CSVError.empty) { try Self.records("\n\n") }
    }

    @Test("records are handed over one at a time, and reading stops when the reader says so")
    func streaming() throws {
        var seen: [[String]] = []
        try CSVReader.forEachRecord(Array("h\n1\n2\n\"3\n".utf8)) { record in
            seen.append(record.fields)
            return record.fields != ["1"]
        }
        // Stopped at "1": the unterminated quote after it is never reached.
        #expect(seen == [["h"], ["1"]])
    }

    @Test("a record keeps at most maxFields fields and counts the rest")
    func fieldLimit() throws {
        let exact = String(repeating: "a,", count: CSVReader.maxFields - 1) + "a"
        let records = try Self.records("h\n" + exact + "\n" + exact + ",b,c\n")
        #expect(records.map(\.fields.count) == [1, CSVReader.maxFields, CSVReader.maxFields])
        #expect(records.map(\.droppedFields) == [0, 0, 2])
    }
}
