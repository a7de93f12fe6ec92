import Foundation

@testable import MailParsing

/// Test fixtures under `Fixtures/`, next to this file.
enum Fixture {
    /// The fixtures folder.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        .path

    /// The bytes of a fixture.
    static func bytes(_ name: String) -> [UInt8] {
        Array(FileManager.default.contents(atPath: folder + "/" + name) ?? Data())
    }

    /// A fixture parsed as one message.
    static func message(_ name: String) -> MailMessage {
        MessageParser.parse(bytes(name))
    }

    /// Epoch seconds of a UTC time written `YYYY-MM-DD HH:MM:SS`.
    static func utc(_ text: String) -> Int64 {
        let p = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).map { Int($0)! }
        return DateParser.daysFromCivil(year: p[0], month: p[1], day: p[2]) * 86_400
            + Int64(p[3] * 3600 + p[4] * 60 + p[5])
    }
}
