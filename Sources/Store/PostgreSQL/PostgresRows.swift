import CLibPQ
import Foundation

extension PostgresDatabase {
    /// Type OIDs of the results Baton reads (`pg_type`): what a text-format value decodes into.
    private enum TypeOID {
        static let bool: UInt32 = 16
        static let bytea: UInt32 = 17
        static let int8: UInt32 = 20
        static let int2: UInt32 = 21
        static let int4: UInt32 = 23
        static let float4: UInt32 = 700
        static let float8: UInt32 = 701
        static let numeric: UInt32 = 1700
    }

    /// The rows of a text-format result, each value typed as SQLite would return it: integers (booleans as 0 and 1,
    /// and whole `numeric`s such as a `sum` of integers), reals, text, blobs.
    static func rows(of result: OpaquePointer?, path: String) -> [Row] {
        guard let result else { return [] }
        let rowCount = PQntuples(result)
        let columnCount = PQnfields(result)
        guard rowCount > 0 else { return [] }
        var columns: [String: Int] = [:]
        var types: [UInt32] = []
        for c in 0..<columnCount {
            let name = String(cString: PQfname(result, c))
            if columns[name] == nil { columns[name] = Int(c) }
            types.append(PQftype(result, c))
        }
        var rows: [Row] = []
        rows.reserveCapacity(Int(rowCount))
        for r in 0..<rowCount {
            var values: [SQLValue] = []
            values.reserveCapacity(Int(columnCount))
            for c in 0..<columnCount {
                if PQgetisnull(result, r, c) != 0 {
                    values.append(.null)
                    continue
                }
                let length = Int(PQgetlength(result, r, c))
                let raw = UnsafeRawPointer(PQgetvalue(result, r, c)!).assumingMemoryBound(to: UInt8.self)
                let buffer = UnsafeBufferPointer(start: raw, count: length)
                values.append(decode(buffer, type: types[Int(c)]))
            }
            rows.append(Row(values: values, columns: columns, path: path))
        }
        return rows
    }

    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, type: UInt32) -> SQLValue {
        let text = String(decoding: bytes, as: UTF8.self)
        switch type {
        case TypeOID.int8, TypeOID.int2, TypeOID.int4: return Int64(text).map(SQLValue.integer) ?? .text(text)
        case TypeOID.bool: return .integer(text == "t" ? 1 : 0)
        case TypeOID.float4, TypeOID.float8: return Double(text).map(SQLValue.real) ?? .text(text)
        case TypeOID.numeric:
            if let whole = Int64(text) { return .integer(whole) }
            return Double(text).map(SQLValue.real) ?? .text(text)
        case TypeOID.bytea: return .blob(hexBytes(bytes))
        default: return .text(text)
        }
    }

    /// A `bytea` in the server's text output (`\x` and two hex digits a byte).
    private static func hexBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x") else { return [] }
        func nibble(_ c: UInt8) -> UInt8 {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            default: c &- UInt8(ascii: "A") &+ 10
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count - 2) / 2)
        var i = 2
        while i + 1 < bytes.count {
            out.append(nibble(bytes[i]) << 4 | nibble(bytes[i + 1]))
            i += 2
        }
        return out
    }
}
