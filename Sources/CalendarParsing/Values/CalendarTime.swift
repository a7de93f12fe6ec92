/// A DATE or DATE-TIME value as written (RFC 5545, 3.3.4 and 3.3.5).
public enum CalendarTime: Sendable, Hashable {
    /// A DATE: an all-day value.
    case date(CivilDate)
    /// A DATE-TIME: wall-clock seconds since 1970-01-01T00:00 and how to read them.
    case dateTime(localSeconds: Int64, form: Form)

    /// How a DATE-TIME is anchored.
    public enum Form: Sendable, Hashable {
        /// No zone: the same wall-clock time everywhere (Baton reads it as UTC).
        case floating
        /// Ends in `Z`.
        case utc
        /// Local time in the zone named by a `TZID` parameter.
        case zoned(String)
    }

    /// Whether this is a DATE.
    public var isDate: Bool { if case .date = self { true } else { false } }

    /// Wall-clock seconds since 1970-01-01T00:00 (midnight for a DATE).
    public var localSeconds: Int64 {
        switch self {
        case .date(let date): date.days * 86_400
        case .dateTime(let seconds, _): seconds
        }
    }

    /// The `TZID` of a zoned DATE-TIME.
    public var tzid: String? { if case .dateTime(_, .zoned(let id)) = self { id } else { nil } }

    /// Reads a property value: DATE when `VALUE=DATE` or when the text has no time; else DATE-TIME with
    /// the property's `TZID` (ignored when the value ends in `Z`).
    public static func parse(_ line: ContentLine) -> CalendarTime? {
        parse(line.value, tzid: line.parameter(.timeZoneID), valueType: line.parameter(.valueType))
    }

    /// Reads `YYYYMMDD` or `YYYYMMDDTHHMMSS[Z]`.
    public static func parse(_ text: String, tzid: String? = nil, valueType: String? = nil) -> CalendarTime? {
        var text = text
        if text.utf8.last == UInt8(ascii: " ") || text.utf8.first == UInt8(ascii: " ") {
            text = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        }
        let parsed = text.withUTF8 { parse(UnsafeRawBufferPointer($0), tzid: tzid) }
        if valueType?.asciiUppercased == "DATE", let parsed, !parsed.isDate {
            return .date(CivilDate(days: CivilDate.floorDiv(parsed.localSeconds, 86_400)))
        }
        return parsed
    }

    /// Reads `YYYYMMDD` or `YYYYMMDDTHHMMSS[Z]` from bytes.
    public static func parse(_ bytes: UnsafeRawBufferPointer, tzid: String?) -> CalendarTime? {
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for k in start..<(start + count) {
                let b = bytes[k]
                guard b >= 0x30, b <= 0x39 else { return nil }
                value = value * 10 + Int(b - 0x30)
            }
            return value
        }
        guard let year = digits(0, 4), let month = digits(4, 2), let day = digits(6, 2) else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        guard date.isValid else { return nil }
        if bytes.count == 8 { return .date(date) }
        guard bytes.count >= 15, bytes[8] == UInt8(ascii: "T") || bytes[8] == UInt8(ascii: "t"),
            let hour = digits(9, 2), let minute = digits(11, 2), let second = digits(13, 2),
            hour < 24, minute < 60, second <= 60
        else { return nil }
        let local = date.days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
        if bytes.count == 15 {
            if let tzid, !tzid.isEmpty { return .dateTime(localSeconds: local, form: .zoned(tzid)) }
            return .dateTime(localSeconds: local, form: .floating)
        }
        guard bytes.count == 16, bytes[15] == UInt8(ascii: "Z") || bytes[15] == UInt8(ascii: "z") else { return nil }
        return .dateTime(localSeconds: local, form: .utc)
    }
}
