/// An `ATTENDEE` (RFC 5545, 3.8.4.1) with the parameters scheduling needs (RFC 5546).
public struct Attendee: Sendable, Hashable {
    /// The address, lower-cased, without `mailto:`.
    public var address: String
    /// `CN`, or nil.
    public var name: String?
    /// `PARTSTAT`, upper-cased; `NEEDS-ACTION` when absent.
    public var participationStatus: String
    /// `ROLE`, upper-cased; `REQ-PARTICIPANT` when absent.
    public var role: String
    /// `RSVP=TRUE`.
    public var rsvp: Bool
    /// `DELEGATED-TO` addresses.
    public var delegatedTo: [String]
    /// `DELEGATED-FROM` addresses.
    public var delegatedFrom: [String]

    /// An attendee.
    public init(
        address: String, name: String? = nil, participationStatus: String = "NEEDS-ACTION",
        role: String = "REQ-PARTICIPANT", rsvp: Bool = false, delegatedTo: [String] = [], delegatedFrom: [String] = []
    ) {
        self.address = address
        self.name = name
        self.participationStatus = participationStatus
        self.role = role
        self.rsvp = rsvp
        self.delegatedTo = delegatedTo
        self.delegatedFrom = delegatedFrom
    }

    /// Reads an `ATTENDEE` content line.
    public init(_ line: borrowing ContentLine) {
        self.init(
            address: Attendee.address(line.value),
            name: line.parameter(.commonName).flatMap { $0.isEmpty ? nil : $0 },
            participationStatus: line.parameter(.participationStatus)?.asciiUppercased ?? "NEEDS-ACTION",
            role: line.parameter(.role)?.asciiUppercased ?? "REQ-PARTICIPANT",
            rsvp: line.parameter(.rsvp)?.asciiUppercased == "TRUE",
            delegatedTo: line.parameterValues(.delegatedTo).map(Attendee.address),
            delegatedFrom: line.parameterValues(.delegatedFrom).map(Attendee.address))
    }

    /// A CAL-ADDRESS as Baton prints it: trimmed, lower-cased, without a `mailto:` prefix (any case).
    public static func address(_ value: String) -> String {
        var text = value
        let result: String? = text.withUTF8 { buffer -> String? in
            var start = 0
            var end = buffer.count
            while start < end, buffer[start] == 0x20 { start += 1 }
            while end > start, buffer[end - 1] == 0x20 { end -= 1 }
            if end - start >= 7 {
                let m = UInt8(ascii: "m"), a = UInt8(ascii: "a"), i = UInt8(ascii: "i"), l = UInt8(ascii: "l")
                let t = UInt8(ascii: "t"), o = UInt8(ascii: "o")
                if buffer[start] | 0x20 == m, buffer[start + 1] | 0x20 == a, buffer[start + 2] | 0x20 == i,
                    buffer[start + 3] | 0x20 == l, buffer[start + 4] | 0x20 == t, buffer[start + 5] | 0x20 == o,
                    buffer[start + 6] == UInt8(ascii: ":")
                {
                    start += 7
                }
            }
            var upper = false
            for k in start..<end {
                let byte = buffer[k]
                if byte >= 0x80 { return nil }
                if byte >= 0x41 && byte <= 0x5A { upper = true }
            }
            let slice = UnsafeBufferPointer(rebasing: buffer[start..<end])
            if !upper { return String(decoding: slice, as: UTF8.self) }
            return String(decoding: slice.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        if let result { return result }
        var slow = value.trimmingSpaces
        if slow.count >= 7, slow.prefix(7).lowercased() == "mailto:" { slow = String(slow.dropFirst(7)) }
        return slow.lowercased()
    }
}
