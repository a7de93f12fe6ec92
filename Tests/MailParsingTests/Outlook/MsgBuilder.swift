/// Builds Outlook message files (MS-OXMSG 2.1–2.4) for tests: properties, recipients, attachments and embedded
/// messages laid out as storages and streams, written with `CompoundFileWriter`.
struct MsgBuilder {
    /// One MAPI property value.
    enum Value {
        case unicode(String)
        case string8([UInt8])
        case binary([UInt8])
        case int32(Int32)
        /// Seconds since the Unix epoch, stored as a FILETIME.
        case time(Int64)
    }

    /// An attachment: its properties and, for an embedded message, the message.
    struct Attachment {
        var properties: [UInt16: Value]
        var embedded: MsgBuilder? = nil
    }

    var properties: [UInt16: Value] = [:]
    /// Recipients' properties (0x0C15 type, 0x3001 name, 0x39FE or 0x3003 address…).
    var recipients: [[UInt16: Value]] = []
    var attachments: [Attachment] = []

    /// The `.msg` file's bytes.
    func bytes(writer: CompoundFileWriter = CompoundFileWriter()) -> [UInt8] {
        writer.write(nodes(headerLength: 32))
    }

    /// The nodes of this message's storage; `headerLength` 32 at the top, 24 when embedded.
    func nodes(headerLength: Int) -> [CompoundFileWriter.Node] {
        var header = [UInt8](repeating: 0, count: headerLength)
        if headerLength >= 24 {
            header.replaceSubrange(8..<12, with: le32(UInt32(recipients.count)))
            header.replaceSubrange(12..<16, with: le32(UInt32(attachments.count)))
            header.replaceSubrange(16..<20, with: le32(UInt32(recipients.count)))
            header.replaceSubrange(20..<24, with: le32(UInt32(attachments.count)))
        }
        var out = Self.propertyNodes(properties, header: header)
        for (i, r) in recipients.enumerated() {
            out.append(
                .storage(
                    "__recip_version1.0_#" + Self.hex8(i),
                    Self.propertyNodes(r, header: [UInt8](repeating: 0, count: 8))))
        }
        for (i, a) in attachments.enumerated() {
            var inner = Self.propertyNodes(a.properties, header: [UInt8](repeating: 0, count: 8))
            if let embedded = a.embedded {
                inner.append(.storage("__substg1.0_3701000D", embedded.nodes(headerLength: 24)))
            }
            out.append(.storage("__attach_version1.0_#" + Self.hex8(i), inner))
        }
        return out
    }

    private static func propertyNodes(_ properties: [UInt16: Value], header: [UInt8]) -> [CompoundFileWriter.Node] {
        var stream = header
        var nodes: [CompoundFileWriter.Node] = []
        for (id, value) in properties.sorted(by: { $0.key < $1.key }) {
            let type: UInt16
            var fixed: [UInt8] = []
            switch value {
            case .unicode(let s):
                type = 0x001F
                var data: [UInt8] = []
                for unit in s.utf16 { data += le16(unit) }
                data += [0, 0]
                nodes.append(.stream(name(id, type), data))
                fixed = le32(UInt32(data.count)) + le32(0)
            case .string8(let b):
                type = 0x001E
                nodes.append(.stream(name(id, type), b + [0]))
                fixed = le32(UInt32(b.count + 1)) + le32(0)
            case .binary(let b):
                type = 0x0102
                nodes.append(.stream(name(id, type), b))
                fixed = le32(UInt32(b.count)) + le32(0)
            case .int32(let v):
                type = 0x0003
                fixed = le32(UInt32(bitPattern: v)) + le32(0)
            case .time(let seconds):
                type = 0x0040
                fixed = le64(UInt64((seconds + 11_644_473_600) * 10_000_000))
            }
            stream += le32(UInt32(id) << 16 | UInt32(type)) + le32(6) + fixed
        }
        return [.stream("__properties_version1.0", stream)] + nodes
    }

    private static func name(_ id: UInt16, _ type: UInt16) -> String {
        "__substg1.0_" + hex4(id) + hex4(type)
    }

    static func hex4(_ v: UInt16) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - s.count) + s
    }

    static func hex8(_ v: Int) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: 8 - s.count) + s
    }
}

/// MS-OXRTFCP compression with literals only (every control byte 0), ending with the end-of-stream reference:
/// what a minimal writer may produce, and enough to put an RTF body in a fixture.
func compressRTFLiterals(_ rtf: [UInt8]) -> [UInt8] {
    var body: [UInt8] = []
    var i = 0
    var write = 207
    while i < rtf.count {
        let chunk = rtf[i..<min(rtf.count, i + 8)]
        if chunk.count == 8 {
            body.append(0)
            body += chunk
        } else {
            // The last control byte: the remaining literals, then the end reference.
            body.append(UInt8(1 << chunk.count))
            body += chunk
            write = (write + chunk.count) & 0xFFF
            body += [UInt8(write >> 4), UInt8((write & 0xF) << 4)]
            i += chunk.count
            break
        }
        write = (write + 8) & 0xFFF
        i += 8
    }
    if rtf.count % 8 == 0 {
        body.append(1)
        body += [UInt8(write >> 4), UInt8((write & 0xF) << 4)]
    }
    return le32(UInt32(body.count + 12)) + le32(UInt32(rtf.count)) + Array("LZFu".utf8) + le32(0) + body
}
