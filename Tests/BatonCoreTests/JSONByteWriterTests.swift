import Foundation
import Testing

@testable import BatonCore

@Suite struct JSONByteWriterTests {
    /// What a writer with a small buffer (so that every path through a flush is taken) writes for `value`.
    private func written(_ value: JSONValue, capacity: Int = 64) -> String {
        var bytes: [UInt8] = []
        let writer = JSONByteWriter(capacity: capacity) { bytes += $0.assumingMemoryBound(to: UInt8.self) }
        writer.value(value)
        writer.flush()
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(
        "strings are escaped exactly as JSONValue escapes them, across buffer flushes",
        arguments: [
            "", "plain", "quote \" and backslash \\", "lines\nand\r\ttabs", "\u{0}\u{1}\u{1F}\u{7F} controls",
            "line separators \u{2028} \u{2029} and other E2 bytes: \u{2026} \u{20AC}", "Grüße, café, niño, 日本語 🎉",
            String(repeating: "long plain text without escapes ", count: 20),
            String(repeating: "mixed \"é\"\u{2028}\n", count: 30), "ends with E2 lead \u{2020}", "\u{2028}",
        ])
    func strings(text: String) {
        #expect(written(.string(text)) == JSONValue.string(text).serialized)
        #expect(written(.string(text), capacity: 1 << 20) == JSONValue.string(text).serialized)
    }

    @Test("integers, nulls, booleans, doubles, nested objects and arrays match JSONValue.serialized")
    func values() {
        let value = JSONValue.object([
            ("ints", .array([.int(0), .int(7), .int(-1), .int(Int64.max), .int(Int64.min), .int(1_000_000)])),
            ("nothing", .null), ("yes", .bool(true)), ("no", .bool(false)),
            ("doubles", .array([.double(2.5), .double(3), .double(.infinity)])),
            ("empty", .object([])), ("none", .array([])), ("key \"quoted\"", .string("v")),
            ("nested", .array([.object([("a", .array([.null, .string("x")]))]), .array([])])),
        ])
        #expect(written(value) == value.serialized)
    }

    @Test(
        "times and dates match Timestamp's formatting",
        arguments: [Int64(0), 1_772_433_660, -1, -86_400, 253_402_300_799, -62_167_219_200, 951_782_400])
    func times(seconds: Int64) {
        var bytes: [UInt8] = []
        let writer = JSONByteWriter { bytes += $0.assumingMemoryBound(to: UInt8.self) }
        writer.time(epochSeconds: seconds)
        writer.time(epochSeconds: nil)
        let (year, month, day) = Timestamp.civilDate(fromDays: seconds / 86_400)
        writer.date(year: year, month: month, day: day)
        writer.flush()
        let expected =
            "\"\(Timestamp.format(epochSeconds: seconds))\",null,\"\(Timestamp.formatDate(year: year, month: month, day: day))\""
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test("keys and values are separated by the writer; a kept piece is copied as it is")
    func pieces() {
        var bytes: [UInt8] = []
        let writer = JSONByteWriter { bytes += $0.assumingMemoryBound(to: UInt8.self) }
        writer.beginObject()
        writer.key("a")
        writer.int(1)
        writer.raw(Array(#","b":[2]"#.utf8))
        writer.key("c")
        writer.string(nil)
        writer.endObject()
        writer.newline()
        writer.beginObject()
        writer.endObject()
        writer.flush()
        #expect(String(decoding: bytes, as: UTF8.self) == "{\"a\":1,\"b\":[2],\"c\":null}\n{}")
    }
}
