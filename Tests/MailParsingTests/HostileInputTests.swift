import Testing

@testable import MailParsing

@Suite struct HostileInputTests {
    @Test("nesting deeper than the limit stops with a diagnostic")
    func deepNesting() {
        var m = "Content-Type: multipart/mixed; boundary=b0\n\n"
        for n in 1...200 { m += "--b\(n - 1)\nContent-Type: multipart/mixed; boundary=b\(n)\n\n" }
        m += "--b200\nContent-Type: text/plain\n\ndeep\n"
        let parsed = MessageParser.parse(Array(m.utf8))
        #expect(parsed.text == nil)
        #expect(parsed.diagnostics.contains { $0.code == .tooDeep })
    }

    @Test("nested attached messages stop at the depth limit")
    func deepMessages() {
        var m = "Subject: leaf\n\nbody"
        for _ in 0..<100 { m = "Content-Type: message/rfc822\n\n" + m }
        let parsed = MessageParser.parse(Array(m.utf8))
        #expect(parsed.forwarded.count < 33)
    }

    @Test("a million tiny parts are cut at the part limit")
    func manyParts() {
        var m = "Content-Type: multipart/mixed; boundary=x\n\n"
        m += String(repeating: "--x\n\na\n", count: 200_000)
        let parsed = MessageParser.parse(Array(m.utf8))
        #expect(parsed.text == "a")
        #expect(parsed.diagnostics.contains { $0.code == .tooManyParts })
    }

    @Test("huge headers, endless lines and binary garbage parse without trapping")
    func garbage() {
        let huge = "Subject: " + String(repeating: "a", count: 2_000_000) + "\n\nbody"
        #expect(MessageParser.parse(Array(huge.utf8)).subject?.count == HeaderBlock.maxValueBytes)
        let many = String(repeating: "X-A: b\n", count: 100_000) + "\nbody"
        let m = MessageParser.parse(Array(many.utf8))
        #expect(m.headers.count == HeaderBlock.maxFields)
        #expect(m.text == "body")
        var state: UInt64 = 42
        var junk = [UInt8]()
        for _ in 0..<1_000_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            junk.append(UInt8(truncatingIfNeeded: state >> 33))
        }
        _ = MessageParser.parse(junk)
        _ = MessageParser.parse([])
        _ = MessageParser.parse(Array("Content-Type: multipart/mixed; boundary=\"\"\n\n--\n".utf8))
    }
}
