/// One CSV record and the 1-based line where it starts.
public struct CSVRecord: Sendable, Equatable {
    public let line: Int
    /// The fields, at most `CSVReader.maxFields` of them.
    public let fields: [String]
    /// How many fields past `CSVReader.maxFields` the record had; they were counted, not kept.
    public let droppedFields: Int
    public init(line: Int, fields: [String], droppedFields: Int = 0) {
        self.line = line
        self.fields = fields
        self.droppedFields = droppedFields
    }
}

/// A CSV file that cannot be read at all.
public enum CSVError: Error, Equatable, CustomStringConvertible {
    /// A quoted field is never closed.
    case unterminatedQuote(line: Int)
    /// The file has no header line.
    case empty

    public var description: String {
        switch self {
        case .unterminatedQuote(let line): "line \(line): a quoted field is never closed"
        case .empty: "the file is empty (no header line)"
        }
    }
}

/// RFC 4180 CSV: quoted fields with commas, quotes and line breaks; CRLF or LF; UTF-8 with or without BOM,
/// Windows-1252 when the bytes are not UTF-8. A header line whose only separator is `;` (Excel in many
/// European locales) switches the separator to `;`.
public enum CSVReader {
    /// The most fields kept in one record. CRM exports have a few hundred columns (HubSpot and Salesforce cap
    /// custom properties near a thousand); a record with more is hostile or broken, and keeping a million fields
    /// would cost a String each. The rest are counted in `CSVRecord.droppedFields` so that the importer can
    /// reject the row by its line. A constant, not a `limits` key: the keys of Config/README.md are fixed.
    public static let maxFields = 4096

    /// Decodes and splits `bytes` into records; blank lines are skipped.
    public static func records(_ bytes: [UInt8]) throws(CSVError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        try forEachRecord(bytes) { record in
            records.append(record)
            return true
        }
        return records
    }

    /// Decodes `bytes` and hands each record to `body` as it is read, so that a large export is never held as
    /// records all at once; `body` returns false to stop reading. Blank lines are skipped.
    public static func forEachRecord(_ bytes: [UInt8], _ body: (CSVRecord) -> Bool) throws(CSVError) {
        // Valid UTF-8 without a byte-order mark is read as it is, without a decoded copy.
        let text = !bytes.starts(with: [0xEF, 0xBB, 0xBF]) && isUTF8(bytes) ? bytes : Array(decode(bytes).utf8)
        let separator = detectSeparator(text)
        var count = 0
        var stopped = false
        var fields: [String] = []
        var dropped = 0
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var i = 0
        var inQuotes = false
        var quotedField = false
        func endField() {
            if fields.count < maxFields {
                fields.append(String(decoding: field, as: UTF8.self))
            } else {
                dropped += 1
            }
            field.removeAll(keepingCapacity: true)
            quotedField = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) {
                count += 1
                if !body(CSVRecord(line: recordLine, fields: fields, droppedFields: dropped)) { stopped = true }
            }
            fields.removeAll()
            dropped = 0
        }
        while i < text.count && !stopped {
            let b = text[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < text.count && text[i + 1] == UInt8(ascii: "\"") {
                        field.append(b)
                        i += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    if b == 0x0A { line += 1 }
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case UInt8(ascii: "\""):
                // A quote opens a quoted field only at its start; elsewhere it is kept as written.
                if field.isEmpty && !quotedField {
                    inQuotes = true
                    quotedField = true
                } else {
                    field.append(b)
                }
            case separator:
                endField()
            case 0x0D:
                if i + 1 < text.count && text[i + 1] == 0x0A { i += 1 }
                endRecord()
                line += 1
                recordLine = line
            case 0x0A:
                endRecord()
                line += 1
                recordLine = line
            default:
                field.append(b)
            }
            i += 1
        }
        if stopped { return }
        if inQuotes { throw .unterminatedQuote(line: recordLine) }
        if !field.isEmpty || !fields.isEmpty || quotedField { endRecord() }
        guard count > 0 else { throw .empty }
    }

    /// Whether `bytes` are valid UTF-8, checked without making a String of them.
    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// UTF-8 (a BOM dropped) when valid, else Windows-1252.
    public static func decode(_ bytes: [UInt8]) -> String {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let text = String(validating: body, as: UTF8.self) { return text }
        var scalars = String.UnicodeScalarView()
        for b in body {
            if b >= 0x80 && b < 0xA0 {
                scalars.append(UnicodeScalar(windows1252High[Int(b - 0x80)]) ?? "\u{FFFD}")
            } else {
                scalars.append(UnicodeScalar(b))
            }
        }
        return String(scalars)
    }

    /// Windows-1252's 0x80–0x9F (the rest is Latin-1); undefined bytes map to U+FFFD.
    static let windows1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
        0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    static func detectSeparator(_ text: [UInt8]) -> UInt8 {
        var commas = 0
        var semicolons = 0
        var inQuotes = false
        for b in text {
            if b == UInt8(ascii: "\"") { inQuotes.toggle() }
            if inQuotes { continue }
            if b == 0x0A || b == 0x0D { break }
            if b == UInt8(ascii: ",") { commas += 1 }
            if b == UInt8(ascii: ";") { semicolons += 1 }
        }
        return commas == 0 && semicolons > 0 ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }
}
