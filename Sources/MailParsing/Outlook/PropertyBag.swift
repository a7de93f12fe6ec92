/// One object's MAPI properties (MS-OXMSG 2.4): the fixed-size values of its `__properties_version1.0`
/// stream, and its `__substg1.0_IIIITTTT` streams for variable-size ones.
struct PropertyBag {
    private let file: CompoundFile
    /// Fixed-size values by tag (id << 16 | type).
    private var fixed: [UInt32: UInt64] = [:]
    /// Children by upper-case name.
    private var named: [String: Int] = [:]

    /// Reads the property stream of `storage`; `headerLength` is 32 for the message, 24 for an embedded one,
    /// 8 for recipients and attachments.
    init(_ file: CompoundFile, storage: Int, headerLength: Int) throws {
        self.file = file
        for index in try file.children(of: storage) { named[CompoundFile.upperASCII(file.entries[index].name)] = index }
        guard let stream = named["__PROPERTIES_VERSION1.0"], file.entries[stream].kind == .stream else { return }
        let bytes = try file.stream(stream)
        var offset = headerLength
        while offset + 16 <= bytes.count {
            let tag = CompoundFile.u32(bytes, offset)
            fixed[tag] = CompoundFile.u64(bytes, offset + 8)
            offset += 16
        }
    }

    /// A `PT_LONG` (0x0003) value.
    func int32(_ id: UInt16) -> Int32? {
        fixed[UInt32(id) << 16 | 0x0003].map { Int32(truncatingIfNeeded: $0) }
    }

    /// A `PT_SYSTIME` (0x0040) value, as seconds since the Unix epoch.
    func time(_ id: UInt16) -> Int64? {
        // FILETIME: 100 ns ticks since 1601-01-01.
        guard let ticks = fixed[UInt32(id) << 16 | 0x0040], ticks > 0, ticks < UInt64(Int64.max) else { return nil }
        return Int64(ticks / 10_000_000) - 11_644_473_600
    }

    /// A string property: `PT_UNICODE` (001F, UTF-16LE) or `PT_STRING8` (001E, in `charset`); without its
    /// terminating NUL.
    func string(_ id: UInt16, charset: String, diagnostics: inout [MailDiagnostic]) throws -> String? {
        if let index = streamIndex(id, type: 0x001F) {
            return Self.decodeUTF16LE(try file.stream(index))
        }
        if let index = streamIndex(id, type: 0x001E) {
            let bytes = try file.stream(index)
            let end = bytes.firstIndex(of: 0) ?? bytes.count
            return Charset.decode(Array(bytes[0..<end]), charset: charset, diagnostics: &diagnostics)
        }
        return nil
    }

    /// UTF-16LE up to the first NUL unit. Mostly-ASCII text (most mail) skips the UTF-16 decoder.
    static func decodeUTF16LE(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { raw in
            var end = 0
            var ascii = true
            while end + 1 < raw.count {
                let low = raw[end], high = raw[end + 1]
                if low == 0 && high == 0 { break }
                if high != 0 || low >= 0x80 { ascii = false }
                end += 2
            }
            if ascii {
                return String(unsafeUninitializedCapacity: end / 2) { out in
                    for k in 0..<(end / 2) { out[k] = raw[2 * k] }
                    return end / 2
                }
            }
            var units: [UInt16] = []
            units.reserveCapacity(end / 2)
            var k = 0
            while k < end {
                units.append(UInt16(raw[k]) | UInt16(raw[k + 1]) << 8)
                k += 2
            }
            return String(decoding: units, as: UTF16.self)
        }
    }

    /// A `PT_BINARY` (0102) property's bytes.
    func binary(_ id: UInt16) throws -> [UInt8]? {
        guard let index = streamIndex(id, type: 0x0102) else { return nil }
        return try file.stream(index)
    }

    /// The stream holding property `id` of `type`.
    func streamIndex(_ id: UInt16, type: UInt16) -> Int? {
        guard let index = named[Self.substorageName(id, type)], file.entries[index].kind == .stream else { return nil }
        return index
    }

    /// The storage holding property `id` of `type` (an embedded message, `PT_OBJECT`).
    func storageIndex(_ id: UInt16, type: UInt16) -> Int? {
        guard let index = named[Self.substorageName(id, type)], file.entries[index].kind == .storage else { return nil }
        return index
    }

    private static func substorageName(_ id: UInt16, _ type: UInt16) -> String {
        "__SUBSTG1.0_" + hex4(id) + hex4(type)
    }

    private static func hex4(_ v: UInt16) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return String(
            decoding: [
                digits[Int(v >> 12)], digits[Int(v >> 8 & 0xF)], digits[Int(v >> 4 & 0xF)], digits[Int(v & 0xF)],
            ],
            as: UTF8.self)
    }
}

/// Windows code page numbers (`PR_MESSAGE_CODEPAGE`, `PR_INTERNET_CPID`, RTF `\ansicpg`) as charset names.
enum OutlookCodePage {
    /// The charset name `Charset.decode` understands for code page `number`.
    static func charset(_ number: Int) -> String {
        switch number {
        case 65001: "utf-8"
        case 20127: "us-ascii"
        case 1252: "windows-1252"
        case 28591: "iso-8859-1"
        case 28592...28599: "iso-8859-\(number - 28590)"
        case 28603: "iso-8859-13"
        case 28605: "iso-8859-15"
        case 1250...1258: "windows-\(number)"
        case 932: "shift_jis"
        case 936: "gbk"
        case 949: "cp949"
        case 950: "big5"
        case 20866: "koi8-r"
        case 21866: "koi8-u"
        case 50220, 50221, 50222: "iso-2022-jp"
        case 51932: "euc-jp"
        case 51949: "euc-kr"
        case 54936: "gb18030"
        case 874: "cp874"
        case 10000: "macintosh"
        default: "cp\(number)"
        }
    }
}
