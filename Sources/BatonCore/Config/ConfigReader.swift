import Foundation

/// Walks the JSON tree with key paths, converting values and recording problems.
struct ConfigReader {
    let folder: String
    var problems: [String] = []

    init(folder: String) { self.folder = folder }

    mutating func problem(_ path: String, _ message: String) { problems.append("\(path): \(message)") }

    // MARK: Generic checks

    static func typeName(_ v: JSONValue) -> String {
        switch v {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// An object's members, after reporting unknown and missing keys.
    mutating func object(_ v: JSONValue, _ path: String, allowed: [String], required: [String] = []) -> [String:
        JSONValue]?
    {
        guard case .object(let pairs) = v else {
            problem(path.isEmpty ? "(top level)" : path, "expected an object, got \(Self.typeName(v))")
            return nil
        }
        var members: [String: JSONValue] = [:]
        var suggested = Set<String>()
        for (key, value) in pairs {
            if allowed.contains(key) {
                members[key] = value
            } else {
                let guess = Suggestion.closest(to: key, among: allowed)
                if let guess { suggested.insert(guess) }
                problem(Self.join(path, key), "unknown key" + (guess.map { " (did you mean '\($0)'?)" } ?? ""))
            }
        }
        // A misspelt required key is reported once, as the misspelling.
        for key in required where members[key] == nil && !suggested.contains(key) {
            problem(Self.join(path, key), "missing required key")
        }
        return members
    }

    mutating func string(_ v: JSONValue?, _ path: String) -> String? {
        guard let v else { return nil }
        guard case .string(let s) = v else {
            problem(path, "expected a string, got \(Self.typeName(v))")
            return nil
        }
        return s
    }

    mutating func bool(_ v: JSONValue?, _ path: String) -> Bool? {
        guard let v else { return nil }
        guard case .bool(let b) = v else {
            problem(path, "expected true or false, got \(Self.typeName(v))")
            return nil
        }
        return b
    }

    mutating func number(_ v: JSONValue?, _ path: String) -> Double? {
        guard let v else { return nil }
        switch v {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default:
            problem(path, "expected a number, got \(Self.typeName(v))")
            return nil
        }
    }

    mutating func integer(_ v: JSONValue?, _ path: String, min: Int = 1) -> Int? {
        guard let v else { return nil }
        guard case .int(let i) = v, i >= min, i <= Int64(Int32.max) else {
            problem(path, "expected a whole number of at least \(min), got \(Self.describe(v))")
            return nil
        }
        return Int(i)
    }

    static func describe(_ v: JSONValue) -> String {
        switch v {
        case .int(let i): String(i)
        case .double(let d): String(d)
        case .string(let s): "'\(s)'"
        default: typeName(v)
        }
    }

    mutating func list(_ v: JSONValue?, _ path: String) -> [(String, JSONValue)]? {
        guard let v else { return nil }
        guard case .array(let items) = v else {
            problem(path, "expected a list, got \(Self.typeName(v))")
            return nil
        }
        return items.enumerated().map { ("\(path)[\($0.offset)]", $0.element) }
    }

    mutating func strings(_ v: JSONValue?, _ path: String) -> [String]? {
        guard let items = list(v, path) else { return nil }
        return items.compactMap { string($0.1, $0.0) }
    }

    mutating func addresses(_ v: JSONValue?, _ path: String) -> [String]? {
        guard let items = list(v, path) else { return nil }
        return items.compactMap { address($0.1, $0.0) }
    }

    mutating func address(_ v: JSONValue?, _ path: String) -> String? {
        guard let s = string(v, path) else { return nil }
        let a = EmailAddress.normalize(s)
        guard EmailAddress.isValid(a) else {
            problem(path, "'\(s)' is not an email address")
            return nil
        }
        return a
    }

    mutating func domain(_ v: JSONValue, _ path: String) -> String? {
        guard let s = string(v, path) else { return nil }
        let d = s.trimmingCharacters(in: .whitespaces).lowercased()
        guard EmailAddress.isValid("x@" + d) else {
            problem(path, "'\(s)' is not a domain name")
            return nil
        }
        return d
    }

    mutating func duration(_ v: JSONValue?, _ path: String, allowSeconds: Bool = false) -> DurationSpec? {
        guard let s = string(v, path) else { return nil }
        guard let d = DurationSpec(s, allowSeconds: allowSeconds), d.amount > 0 || allowSeconds else {
            let units = allowSeconds ? "s, m, h, d or w (30s, 5m)" : "m, h, d or w (90m, 4h, 1d, 2w)"
            problem(path, "bad duration '\(s)': expected a whole number and a unit \(units)")
            return nil
        }
        return d
    }

    mutating func timezone(_ v: JSONValue?, _ path: String) -> String? {
        guard let s = string(v, path) else { return nil }
        guard TimeZone(identifier: s) != nil, s == "UTC" || s == "GMT" || s.contains("/") else {
            let hint = Suggestion.closest(to: s, among: TimeZone.knownTimeZoneIdentifiers).map {
                " (did you mean '\($0)'?)"
            }
            problem(path, "unknown time zone '\(s)'\(hint ?? ""): expected an IANA zone id such as Europe/London")
            return nil
        }
        return s
    }

    mutating func stage(_ v: JSONValue, _ path: String) -> Stage? {
        guard let s = string(v, path) else { return nil }
        guard let stage = Stage(id: s) else {
            problem(path, "unknown stage '\(s)': expected one of \(Stage.idList)")
            return nil
        }
        return stage
    }

    mutating func stages(_ v: JSONValue?, _ path: String) -> [Stage]? {
        guard let items = list(v, path) else { return nil }
        return items.compactMap { stage($0.1, $0.0) }
    }

    mutating func choice(_ v: JSONValue?, _ path: String, _ options: [String]) -> String? {
        guard let s = string(v, path) else { return nil }
        guard options.contains(s) else {
            let hint = Suggestion.closest(to: s, among: options).map { " (did you mean '\($0)'?)" } ?? ""
            problem(path, "'\(s)' is not one of \(options.joined(separator: ", "))\(hint)")
            return nil
        }
        return s
    }

    /// A path resolved against the configuration's folder; one that exists must be readable.
    mutating func path(_ v: JSONValue?, _ keyPath: String, mustExist: Bool = false) -> String? {
        guard let s = string(v, keyPath) else { return nil }
        guard !s.isEmpty, !s.contains("\0") else {
            problem(keyPath, "expected a path, got an empty string")
            return nil
        }
        let absolute = Self.resolve(s, against: folder)
        if !Self.hasGlob(absolute) {
            if FileManager.default.fileExists(atPath: absolute) {
                if access(absolute, R_OK) != 0 { problem(keyPath, "'\(absolute)' exists but cannot be read") }
            } else if mustExist {
                problem(keyPath, "'\(absolute)' does not exist")
            }
        }
        return absolute
    }

    /// The store: an SQLite file's path (relative to the configuration's folder), or a PostgreSQL connection URI
    /// kept as written. A URI holding a password is refused without echoing it (libpq reads the password from
    /// `~/.pgpass`, `PGPASSFILE` or `PGPASSWORD`); any other scheme is refused rather than becoming a folder.
    mutating func storePath(_ v: JSONValue?) -> String? {
        if case .string(let s) = v, let schemeEnd = s.range(of: "://") {
            let scheme = s[..<schemeEnd.lowerBound].lowercased()
            // Only the scheme is echoed: the rest of a URI may hold a password.
            guard scheme == "postgresql" || scheme == "postgres" else {
                problem("store", "expected an SQLite file path or a postgresql:// URI, got a '\(scheme)://' URI")
                return nil
            }
            if Config.uriHoldsPassword(s) {
                problem(
                    "store",
                    "the PostgreSQL URI holds a password; remove it and give it in ~/.pgpass, PGPASSFILE or PGPASSWORD")
                return nil
            }
            return s
        }
        return path(v, "store")
    }

    static func resolve(_ path: String, against folder: String) -> String {
        let joined = path.hasPrefix("/") ? path : (folder as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }

    static func hasGlob(_ path: String) -> Bool { path.contains { "*?[".contains($0) } }
}
