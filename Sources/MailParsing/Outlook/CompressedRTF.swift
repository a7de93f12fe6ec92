/// Outlook's RTF bodies: `PR_RTF_COMPRESSED` decompression (MS-OXRTFCP) and the text inside the RTF, either the
/// HTML it encapsulates (MS-OXRTFEX, `\fromhtml1`) or the RTF's own text.
public enum CompressedRTF {
    /// What an RTF body holds once read.
    public enum Body: Sendable, Equatable {
        /// The HTML that Outlook wrapped in RTF (`\fromhtml1`), de-encapsulated.
        case html(String)
        /// The document's text, `\n` line ends.
        case text(String)
    }

    /// MS-OXRTFCP 2.1.3.1.1: the dictionary's initial contents (207 bytes).
    static let prebuffer: [UInt8] = Array(
        ("{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript "
            + "\\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par "
            + "\\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx").utf8)

    /// Decompresses a `PR_RTF_COMPRESSED` stream (MS-OXRTFCP 2.2): `LZFu` (compressed) or `MELA` (stored).
    /// The CRC is not checked: a damaged stream yields what can be read, never a trap.
    public static func decompress(_ data: [UInt8]) throws(CompressedRTFError) -> [UInt8] {
        guard data.count >= 16 else { throw .truncatedHeader(size: data.count) }
        let compressedSize = Int(CompoundFile.u32(data, 0))
        let rawSize = Int(CompoundFile.u32(data, 4))
        let end = min(data.count, compressedSize &+ 4 < 16 ? data.count : compressedSize + 4)
        switch CompoundFile.u32(data, 8) {
        case 0x414C_454D:  // "MELA": stored as is
            return Array(data[16..<min(data.count, 16 + rawSize)])
        case 0x7546_5A4C:  // "LZFu"
            break
        case let other: throw .unknownCompression(other)
        }
        var dictionary = [UInt8](repeating: 0, count: 4096)
        for (i, b) in prebuffer.enumerated() { dictionary[i] = b }
        var write = prebuffer.count
        var out: [UInt8] = []
        // Each 2-byte reference expands to at most 17 bytes: the output is bounded by the input, whatever
        // rawSize claims.
        out.reserveCapacity(min(rawSize, (end - 16) * 9))
        var i = 16
        decoding: while i < end {
            let control = data[i]
            i += 1
            for bit in 0..<8 {
                if i >= end { break decoding }
                if control & (1 << bit) == 0 {
                    let b = data[i]
                    i += 1
                    out.append(b)
                    dictionary[write] = b
                    write = (write + 1) & 0xFFF
                    continue
                }
                guard i + 1 < end else { break decoding }
                let reference = Int(data[i]) << 8 | Int(data[i + 1])
                i += 2
                let offset = reference >> 4
                let length = (reference & 0xF) + 2
                // A reference to the write position itself marks the end of the stream.
                if offset == write { break decoding }
                for k in 0..<length {
                    let b = dictionary[(offset + k) & 0xFFF]
                    out.append(b)
                    dictionary[write] = b
                    write = (write + 1) & 0xFFF
                }
            }
        }
        if out.count > rawSize { out.removeLast(out.count - rawSize) }
        return out
    }

    /// The body an RTF document carries: its encapsulated HTML when it was made from HTML, else its text.
    public static func body(ofRTF rtf: [UInt8]) -> Body {
        var reader = RTFReader(rtf)
        // MS-OXRTFEX 2.1.3.1: `\fromhtml1` among the header's control words marks encapsulated HTML.
        let fromHTML = reader.headerHasFromHTML()
        let text = reader.read(html: fromHTML)
        return fromHTML ? .html(text) : .text(text)
    }
}

/// Why a compressed RTF stream could not be read.
public enum CompressedRTFError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Fewer than the 16 header bytes.
    case truncatedHeader(size: Int)
    /// Neither `LZFu` nor `MELA`.
    case unknownCompression(UInt32)

    public var description: String {
        switch self {
        case .truncatedHeader(let size): "compressed RTF header cut short: \(size) bytes of 16"
        case .unknownCompression(let type): "compressed RTF of unknown type 0x\(String(type, radix: 16))"
        }
    }
}

/// A single pass over RTF (RTF 1.9.1 syntax) that keeps the text, or with `html` the HTML of MS-OXRTFEX 2.1.3.
struct RTFReader {
    private let b: [UInt8]
    private var i = 0

    /// The state a group carries and restores at its end.
    private struct GroupState {
        var skip = false
        var suppressed = false  // inside `\htmlrtf`: RTF-only content, not part of the HTML
        var htmlTag = false
        var unicodeSkip = 1
    }

    /// Destinations whose content is not text.
    private static let skippedDestinations: Set<String> = [
        "fonttbl", "colortbl", "stylesheet", "info", "pict", "header", "footer", "headerl", "headerr", "headerf",
        "footerl", "footerr", "footerf", "listtable", "listoverridetable", "rsidtbl", "generator", "themedata",
        "colorschememapping", "datastore", "latentstyles", "xmlnstbl", "object", "nonshppict", "fldinst",
        "filetbl", "revtbl", "pgdsctbl", "mmathPr", "userprops", "docvar", "bkmkstart", "bkmkend", "xe", "tc",
        "private", "objdata", "blipuid", "shppict",
    ]

    init(_ bytes: [UInt8]) { b = bytes }

    /// Whether `\fromhtml1` appears before the first text (in the document's header).
    mutating func headerHasFromHTML() -> Bool {
        var k = 0
        let limit = min(b.count, 2048)
        let needle = Array("\\fromhtml1".utf8)
        while k + needle.count <= limit {
            if b[k] == 0x5C, b[k..<(k + needle.count)].elementsEqual(needle) { return true }
            k += 1
        }
        return false
    }

    /// Reads the whole document: text outside skipped destinations, or with `html` the HTML fragments.
    mutating func read(html: Bool) -> String {
        var out = String.UnicodeScalarView()
        var pending: [UInt8] = []  // 8-bit text waiting to be decoded in the document's code page
        var charset = "windows-1252"
        var stack: [GroupState] = []
        var overflow = 0  // groups opened beyond the stack's bound
        var state = GroupState()
        var ignorableNext = false
        var skipChars = 0
        var highSurrogate: UInt32? = nil
        var diagnostics: [MailDiagnostic] = []

        func flush() {
            guard !pending.isEmpty else { return }
            out.append(contentsOf: Charset.decode(pending, charset: charset, diagnostics: &diagnostics).unicodeScalars)
            pending.removeAll(keepingCapacity: true)
        }
        func emits(_ s: GroupState) -> Bool {
            !s.skip && (!html || s.htmlTag || !s.suppressed)
        }
        func emit(_ text: String) {
            guard emits(state) else { return }
            flush()
            out.append(contentsOf: text.unicodeScalars)
        }

        while i < b.count {
            let c = b[i]
            switch c {
            case UInt8(ascii: "{"):
                i += 1
                // Bounded depth: a hostile file of nested groups keeps a constant-size stack beyond it.
                if stack.count < 4096 { stack.append(state) } else { overflow += 1 }
                ignorableNext = false
                skipChars = 0
            case UInt8(ascii: "}"):
                i += 1
                if overflow > 0 { overflow -= 1 } else { state = stack.popLast() ?? GroupState() }
                skipChars = 0
            case 0x0D, 0x0A:
                i += 1
            case UInt8(ascii: "\\"):
                i += 1
                guard i < b.count else { break }
                let n = b[i]
                if n.isASCIILetter {
                    let start = i
                    while i < b.count, b[i].isASCIILetter, i - start < 32 { i += 1 }
                    let word = String(decoding: b[start..<i], as: UTF8.self)
                    var parameter: Int? = nil
                    var negative = false
                    if i < b.count, b[i] == UInt8(ascii: "-") {
                        negative = true
                        i += 1
                    }
                    var digits = 0
                    var value = 0
                    while i < b.count, b[i] >= 0x30, b[i] <= 0x39, digits < 10 {
                        value = value * 10 + Int(b[i] - 0x30)
                        digits += 1
                        i += 1
                    }
                    if digits > 0 { parameter = negative ? -value : value }
                    if i < b.count, b[i] == 0x20 { i += 1 }
                    if ignorableNext {
                        ignorableNext = false
                        if html && word == "htmltag" {
                            state.htmlTag = true
                            state.skip = false
                            continue
                        }
                        state.skip = true
                        continue
                    }
                    if Self.skippedDestinations.contains(word) {
                        state.skip = true
                        continue
                    }
                    if skipChars > 0 {
                        skipChars -= 1
                        continue
                    }
                    switch word {
                    case "ansicpg":
                        if let parameter {
                            flush()
                            charset = OutlookCodePage.charset(parameter)
                        }
                    case "uc": state.unicodeSkip = max(0, min(parameter ?? 1, 8))
                    case "u":
                        guard var scalar = parameter else { break }
                        if scalar < 0 { scalar += 65536 }
                        skipChars = state.unicodeSkip
                        let unit = UInt32(truncatingIfNeeded: scalar)
                        if unit >= 0xD800, unit < 0xDC00 {
                            highSurrogate = unit
                        } else if unit >= 0xDC00, unit < 0xE000, let high = highSurrogate {
                            highSurrogate = nil
                            let combined = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
                            emit(String(Unicode.Scalar(combined) ?? "\u{FFFD}"))
                        } else {
                            highSurrogate = nil
                            emit(String(Unicode.Scalar(unit) ?? "\u{FFFD}"))
                        }
                    case "htmlrtf": state.suppressed = (parameter ?? 1) != 0
                    case "par", "line", "row", "sect", "page": emit(html && state.htmlTag ? "\r\n" : "\n")
                    case "tab", "cell": emit("\t")
                    case "emdash": emit("\u{2014}")
                    case "endash": emit("\u{2013}")
                    case "lquote": emit("\u{2018}")
                    case "rquote": emit("\u{2019}")
                    case "ldblquote": emit("\u{201C}")
                    case "rdblquote": emit("\u{201D}")
                    case "bullet": emit("\u{2022}")
                    case "emspace", "enspace", "qmspace": emit(" ")
                    default: break
                    }
                    continue
                }
                // Control symbols.
                i += 1
                switch n {
                case UInt8(ascii: "*"): ignorableNext = true
                case UInt8(ascii: "'"):
                    guard i + 1 < b.count, let hi = b[i].hexValue, let lo = b[i + 1].hexValue else {
                        // A broken escape: drop it with whatever digit it has.
                        if i < b.count, b[i].hexValue != nil { i += 1 }
                        break
                    }
                    i += 2
                    if skipChars > 0 {
                        skipChars -= 1
                        break
                    }
                    if emits(state) { pending.append(hi << 4 | lo) }
                case UInt8(ascii: "~"): emit("\u{00A0}")
                case UInt8(ascii: "_"): emit("\u{2011}")
                case UInt8(ascii: "-"): break
                case 0x0D, 0x0A: emit("\n")
                default:
                    // `\{`, `\}`, `\\` and any other symbol stand for themselves.
                    if skipChars > 0 {
                        skipChars -= 1
                        break
                    }
                    if emits(state) { pending.append(n) }
                }
            default:
                i += 1
                if skipChars > 0 {
                    skipChars -= 1
                    continue
                }
                if ignorableNext { ignorableNext = false }
                if emits(state) { pending.append(c) }
            }
        }
        flush()
        return OutlookMessage.lineFeeds(String(out))
    }
}

extension UInt8 {
    /// `A`–`Z` or `a`–`z`.
    @inline(__always) fileprivate var isASCIILetter: Bool {
        (self >= 0x41 && self <= 0x5A) || (self >= 0x61 && self <= 0x7A)
    }

}
