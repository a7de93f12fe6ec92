// libFuzzer target for the Outlook .msg reader: the Compound File reader, the MAPI properties and the compressed
// RTF bodies (built with swiftc against the instrumented module, not as a SwiftPM executable). Run through
// `Scripts/fuzz SECONDS`.
import MailParsing

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMsg(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let buffer = UnsafeRawBufferPointer(start: data, count: size)
    // Inputs that lost the signature still exercise the reader: give it back.
    var bytes = Array(buffer)
    if !CompoundFile.hasMagic(buffer) { bytes = CompoundFile.magic + bytes }
    let message = bytes.withUnsafeBytes { OutlookMessage.parse($0, options: .init(maxDepth: 32, maxParts: 2_000)) }
    _ = message.text?.utf8.count
    _ = message.htmlText?.utf8.count
    for original in message.forwarded { _ = original.subject }
    // The RTF decompressor and reader on the raw bytes, as a `PR_RTF_COMPRESSED` stream would reach them.
    let raw = Array(buffer)
    if let rtf = try? CompressedRTF.decompress(raw) { _ = CompressedRTF.body(ofRTF: rtf) }
    _ = CompressedRTF.body(ofRTF: raw)
    return 0
}
