// libFuzzer target for MailParsing (built with swiftc against the instrumented module, not as a SwiftPM
// executable, which fails to link with libFuzzer). Run through `Scripts/fuzz SECONDS`.
import MailParsing

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMail(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let buffer = UnsafeRawBufferPointer(start: data, count: size)
    let message = MessageParser.parse(buffer, options: .init(maxDepth: 32, maxParts: 2_000))
    // Touch what the CLI prints, so every lazy path runs.
    _ = message.text?.utf8.count
    _ = message.htmlText?.utf8.count
    for original in message.forwarded { _ = original.subject }
    if let text = message.text { _ = InlineForwards.find(in: text) }
    // A journal source reads every message as a report or a plain copy.
    _ = JournalCopy.read(message)
    _ = DateParser.parse(String(decoding: buffer.prefix(200), as: UTF8.self))
    return 0
}
