/// Dates of RFC 5322 section 3.3 and everything section 4.3 and the wild add: named and military zones,
/// missing seconds, two-digit years, wrong or localised day names, trailing text, and the long forms that
/// Outlook, Gmail and Apple Mail write in inline forwards (`Tuesday, March 3, 2026 4:05 PM`), in English,
/// German, French, Spanish, Italian and Dutch.
public enum DateParser {
    /// Parses a date; nil when no day, month, year and time can be found or they are out of range.
    /// A date without a zone has `hasZone == false` and its wall-clock time read as if it were UTC.
    public static func parse(_ text: String) -> MailDate? {
        var bytes = Array(text.utf8)
        if let fast = parseCanonical(bytes) { return fast }
        stripComments(&bytes)
        let tokens = split(bytes)
        var numbers: [(value: Int, digits: Int, position: Int)] = []
        var months: [(month: Int, position: Int)] = []
        var time: (h: Int, m: Int, s: Int)? = nil
        var meridiem: Int? = nil  // 0 am, 1 pm
        var offset: Int? = nil
        var numeric: NumericDate? = nil
        for (position, token) in tokens.enumerated() {
            let lower = token.lowercased()
            guard let first = token.utf8.first else { continue }
            if first.isDigit {
                if token.contains(":") {
                    if time == nil { time = parseTime(lower, meridiem: &meridiem) }
                    continue
                }
                if let date = NumericDate(token) {
                    if date.yearFirst {
                        numbers.append((date.third, 2, position))
                        months.append((date.second, position))
                        numbers.append((date.first, 4, position))
                    } else if numeric == nil {
                        numeric = date
                    }
                    continue
                }
                var digits = Substring(token)
                while let l = digits.last, l == "." { digits.removeLast() }
                if let v = Int(digits), digits.count <= 4 {
                    numbers.append((v, digits.count, position))
                }
                continue
            }
            if (first == 0x2B || first == 0x2D), time != nil, offset == nil {
                offset = parseOffset(Substring(token))
                continue
            }
            if lower == "am" || lower == "a.m." || lower == "vorm." {
                meridiem = 0
                continue
            }
            if lower == "pm" || lower == "p.m." || lower == "nachm." {
                meridiem = 1
                continue
            }
            if time != nil, offset == nil, let z = zone(lower) {
                offset = z
                continue
            }
            if let m = month(lower) { months.append((m, position)) }
        }
        if numbers.isEmpty, let numeric {
            // A numeric date with the year last is the date (a month-like word beside it is a weekday, as
            // Spanish and French `mar`), when its day and month cannot be mistaken for each other.
            guard let (day, month) = numeric.dayAndMonth else { return nil }
            months = [(month, 1)]
            numbers = [(day, 2, 0), (numeric.third, 4, 2)]
        }
        guard var t = time, !months.isEmpty else { return nil }
        let yearIndex =
            numbers.firstIndex { $0.digits >= 3 }
            ?? (numbers.count >= 2 ? numbers.indices.dropFirst().first { numbers[$0].digits <= 2 } : nil)
        guard let yi = yearIndex else { return nil }
        guard let di = numbers.indices.first(where: { $0 != yi && numbers[$0].digits <= 2 }) else { return nil }
        var year = numbers[yi].value
        if numbers[yi].digits <= 2 { year += year < 50 ? 2000 : 1900 } else if numbers[yi].digits == 3 { year += 1900 }
        let day = numbers[di].value
        let dayPos = numbers[di].position
        // The month next to the day; a month-like word in first place is more likely a weekday
        // ("mar" is Tuesday in Spanish, French and Italian), so a later one wins.
        let adjacent = months.filter { abs($0.position - dayPos) == 1 || $0.position == dayPos }
        let month = (adjacent.first { $0.position != 0 } ?? adjacent.first ?? months.last!).month
        if let m = meridiem {
            guard t.h >= 1 && t.h <= 12 else { return nil }
            if m == 1 && t.h < 12 { t.h += 12 }
            if m == 0 && t.h == 12 { t.h = 0 }
        }
        guard isValid(year: year, month: month, day: day), t.h <= 23, t.m <= 59, t.s <= 60 else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let local = days * 86_400 + Int64(t.h * 3600 + t.m * 60 + t.s)
        return MailDate(secondsSinceEpoch: local - Int64(offset ?? 0), hasZone: offset != nil)
    }

    /// A date written in numbers, `2026-03-03`, `2026/03/03`, `13/03/2026`, `03.13.2026`: three numbers joined
    /// by one of `-`, `/` or `.`, with a four-digit year first or last.
    struct NumericDate {
        let first: Int, second: Int, third: Int
        /// Whether the year comes first (then the order is always year, month, day).
        let yearFirst: Bool

        init?(_ token: String) {
            let u = token.utf8
            guard let sep = u.first(where: { $0 == 0x2D || $0 == 0x2F || $0 == 0x2E }) else { return nil }
            var t = Substring(token)
            if sep == 0x2E, t.hasSuffix(".") { t.removeLast() }  // "03.03.2026."
            let parts = t.utf8.split(separator: sep, omittingEmptySubsequences: false)
            guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isDigit) })
            else { return nil }
            let values = parts.map { p in p.reduce(0) { $0 * 10 + Int($1 - 0x30) } }
            if parts[0].count == 4 || values[0] > 31 {
                guard parts[1].count <= 2, parts[2].count <= 2 else { return nil }
                yearFirst = true
            } else {
                guard parts[2].count == 4, parts[0].count <= 2, parts[1].count <= 2 else { return nil }
                yearFirst = false
            }
            (first, second, third) = (values[0], values[1], values[2])
        }

        /// Day and month of a year-last date when the order cannot be mistaken: one of the two numbers is over
        /// 12, or both are the same. `03/04/2026` is 3 April in Europe and 4 March in the United States: nil.
        var dayAndMonth: (day: Int, month: Int)? {
            if first == second || (second <= 12 && first > 12) { return (first, second) }
            if first <= 12 && second > 12 { return (second, first) }
            return nil
        }
    }

    /// The form nearly every mailer writes, `[Tue, ]3 Mar 2026 16:05[:00] +0100` (RFC 5322 section 3.3),
    /// read straight from bytes; nil sends the text to the general parser.
    static func parseCanonical(_ b: [UInt8]) -> MailDate? {
        var i = 0
        let n = b.count
        func skipSpaces() { while i < n, b[i] == 0x20 || b[i] == 0x09 { i += 1 } }
        func number(_ minDigits: Int, _ maxDigits: Int) -> Int? {
            var v = 0, d = 0
            while i < n, d < maxDigits, b[i].isDigit {
                v = v * 10 + Int(b[i] - 0x30)
                i += 1
                d += 1
            }
            return d >= minDigits ? v : nil
        }
        skipSpaces()
        if i + 4 <= n, b[i].isAlpha, b[i + 1].isAlpha, b[i + 2].isAlpha, b[i + 3] == 0x2C {
            i += 4
            skipSpaces()
        }
        guard let day = number(1, 2), i < n, b[i] == 0x20 else { return nil }
        i += 1
        guard i + 4 <= n, b[i + 3] == 0x20 else { return nil }
        let key = String(decoding: b[i..<(i + 3)].map { $0.lowercasedASCII }, as: UTF8.self)
        guard let month = englishMonths[key] else { return nil }
        i += 4
        guard let year = number(4, 4), i < n, b[i] == 0x20 else { return nil }
        i += 1
        guard let hour = number(2, 2), i < n, b[i] == 0x3A else { return nil }
        i += 1
        guard let minute = number(2, 2) else { return nil }
        var second = 0
        if i < n, b[i] == 0x3A {
            i += 1
            guard let s = number(2, 2) else { return nil }
            second = s
        }
        guard i < n, b[i] == 0x20 else { return nil }
        skipSpaces()
        guard i + 5 <= n, b[i] == 0x2B || b[i] == 0x2D else { return nil }
        let negative = b[i] == 0x2D
        i += 1
        guard let zone = number(4, 4), i == n || b[i] == 0x20 || b[i] == 0x28 || b[i] == 0x0D else { return nil }
        let offset = (zone / 100 * 3600 + zone % 100 * 60) * (negative ? -1 : 1)
        guard zone % 100 < 60, isValid(year: year, month: month, day: day), hour <= 23, minute <= 59, second <= 60
        else {
            return nil
        }
        let local =
            daysFromCivil(year: year, month: month, day: day) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return MailDate(secondsSinceEpoch: local - Int64(offset), hasZone: true)
    }

    private static let englishMonths: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
        "nov": 11, "dec": 12,
    ]

    private static func stripComments(_ bytes: inout [UInt8]) {
        guard bytes.contains(0x28) else { return }
        var out: [UInt8] = []
        var depth = 0
        for b in bytes {
            if b == 0x28 {
                depth += 1
                out.append(0x20)
            } else if b == 0x29, depth > 0 {
                depth -= 1
            } else if depth == 0 {
                out.append(b)
            }
        }
        bytes = out
    }

    private static func split(_ bytes: [UInt8]) -> [String] {
        var tokens: [String] = []
        var start = -1
        for (i, b) in bytes.enumerated() {
            let sep = b.isWhitespace || b == 0x2C
            if sep {
                if start >= 0 { tokens.append(String(decoding: bytes[start..<i], as: UTF8.self)) }
                start = -1
            } else if start < 0 {
                start = i
            }
            if tokens.count > 64 { break }  // no real date has more; bounds work on junk
        }
        if start >= 0 { tokens.append(String(decoding: bytes[start...], as: UTF8.self)) }
        // "GMT+1" and "UTC-05:00": the name and the offset as separate tokens.
        return tokens.flatMap { t -> [String] in
            let l = t.lowercased()
            for prefix in ["gmt", "utc"] where l.hasPrefix(prefix) && l.count > 3 {
                let rest = t.dropFirst(3)
                if rest.first == "+" || rest.first == "-" { return [String(rest)] }
            }
            // "4:05PM"
            if t.first?.isNumber == true, l.hasSuffix("pm") || l.hasSuffix("am"), t.contains(":") {
                return [String(t.dropLast(2)), String(t.suffix(2))]
            }
            return [t]
        }
    }

    private static func parseTime(_ token: String, meridiem: inout Int?) -> (h: Int, m: Int, s: Int)? {
        var t = Substring(token)
        if t.hasSuffix("h") { t = t.dropLast() }
        let parts = t.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.count <= 3, let h = Int(parts[0]), parts[0].count <= 2 else { return nil }
        guard let m = Int(parts[1].prefix(2)), parts[1].count >= 2 else { return nil }
        var s = 0
        if parts.count == 3 {
            let secs = parts[2].prefix { $0.isNumber }
            guard let v = Int(secs), secs.count <= 2 else { return nil }
            s = v
        }
        return (h, m, s)
    }

    /// `zone = (FWS ( "+" / "-" ) 4DIGIT)`, also `+1`, `+01:00` and `+01` from the wild.
    private static func parseOffset(_ token: Substring) -> Int? {
        let negative = token.first == "-"
        let body = token.dropFirst()
        var h = 0, m = 0
        if let colon = body.firstIndex(of: ":") {
            guard let hh = Int(body[..<colon]), let mm = Int(body[body.index(after: colon)...].prefix(2)) else {
                return nil
            }
            h = hh
            m = mm
        } else {
            let digits = body.prefix { $0.isNumber }
            guard let v = Int(digits) else { return nil }
            if digits.count <= 2 {
                h = v
            } else if digits.count == 4 || digits.count == 3 {
                h = v / 100
                m = v % 100
            } else {
                return nil
            }
        }
        guard h <= 23, m <= 59 else { return nil }
        let seconds = h * 3600 + m * 60
        return negative ? -seconds : seconds
    }

    /// Named zones: those of RFC 5322 section 4.3 and common European and Asian abbreviations. Military
    /// single letters were defined with the wrong sign in RFC 822, so section 4.3 says to read them as
    /// `-0000`, that is UTC.
    private static func zone(_ name: String) -> Int? {
        switch name {
        case "ut", "utc", "gmt", "z", "wet": return 0
        case "est": return -5 * 3600
        case "edt", "ast": return -4 * 3600
        case "cst": return -6 * 3600
        case "cdt": return -5 * 3600
        case "mst": return -7 * 3600
        case "mdt": return -6 * 3600
        case "pst": return -8 * 3600
        case "pdt": return -7 * 3600
        case "cet", "met", "bst", "west", "mez": return 3600
        case "cest", "mest", "eet", "mesz": return 2 * 3600
        case "eest", "msk": return 3 * 3600
        case "jst", "kst": return 9 * 3600
        case "hkt", "sgt", "awst": return 8 * 3600
        case "aest": return 10 * 3600
        case "aedt": return 11 * 3600
        default:
            if name.count == 1, let c = name.first, c.isLetter, c != "j" { return 0 }
            return nil
        }
    }

    private static let fullMonths: [String: Int] = {
        var m: [String: Int] = [:]
        let lists: [[String]] = [
            [
                "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december",
            ],
            [
                "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
                "november",
                "dezember",
            ],
            [
                "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                "novembre", "décembre",
            ],
            [
                "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
                "noviembre", "diciembre",
            ],
            [
                "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
                "ottobre",
                "novembre", "dicembre",
            ],
            [
                "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
                "november", "december",
            ],
        ]
        for list in lists { for (n, name) in list.enumerated() { m[name] = n + 1 } }
        for (k, v) in [
            "maerz": 3, "fevrier": 2, "aout": 8, "decembre": 12, "setiembre": 9, "juil": 7, "janv": 1,
            "févr": 2, "fevr": 2, "sept": 9,
        ] { m[k] = v }
        return m
    }()

    private static let shortMonths: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
        "nov": 11, "dec": 12, "mrz": 3, "mär": 3, "mai": 5, "okt": 10, "dez": 12, "fév": 2, "fev": 2, "avr": 4,
        "déc": 12, "ene": 1, "abr": 4, "ago": 8, "dic": 12, "set": 9, "gen": 1, "mag": 5, "giu": 6, "lug": 7,
        "ott": 10, "mei": 5, "maa": 3,
    ]

    private static func month(_ lower: String) -> Int? {
        var t = lower
        while t.hasSuffix(".") { t.removeLast() }
        if let m = fullMonths[t] { return m }
        return t.count == 3 ? shortMonths[t] : nil
    }

    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1, year >= 1, year <= 9999 else { return false }
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return day <= (month == 2 && leap ? 29 : lengths[month - 1])
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
