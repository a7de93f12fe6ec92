/// One parameter of a content line (RFC 5545, 3.2): `param-name "=" param-value *("," param-value)`.
public struct ContentParameter: Sendable, Equatable {
    /// The parameter name, upper-cased (names are case-insensitive).
    public private(set) var name: String
    /// The name as a tag, for the readers' lookups.
    private(set) var tag: ParameterName
    /// The first value; nearly every parameter has one value, which then needs no array of its own.
    private(set) var first: String?
    /// The values after the first.
    private var rest: [String]

    /// The values, without their surrounding quotes.
    public var values: [String] {
        get {
            guard let first else { return [] }
            return rest.isEmpty ? [first] : [first] + rest
        }
        set {
            first = newValue.first
            rest = Array(newValue.dropFirst())
        }
    }

    /// A parameter with its name upper-cased.
    public init(name: String, values: [String]) {
        self.name = name.asciiUppercased
        tag = ParameterName(self.name)
        first = values.first
        rest = Array(values.dropFirst())
    }

    /// A parameter whose name is already upper case and tagged, with its first value and the others.
    init(upperName: String, tag: ParameterName, first: String?, rest: [String]) {
        name = upperName
        self.tag = tag
        self.first = first
        self.rest = rest
    }
}

/// One unfolded content line (RFC 5545, 3.1): `name *(";" param) ":" value`.
public struct ContentLine: Sendable, Equatable {
    /// The property name, upper-cased.
    public private(set) var name: String
    /// The name as a tag, for the readers' switches.
    private(set) var property: PropertyName
    /// The parameters in the order written.
    public var parameters: [ContentParameter]
    /// The raw value: text escapes are not decoded here, since only TEXT values use them.
    public var value: String
    /// The 1-based physical line number where the content line starts.
    public var lineNumber: Int

    /// A content line.
    public init(name: String, parameters: [ContentParameter] = [], value: String, lineNumber: Int = 0) {
        self.name = name.asciiUppercased
        property = PropertyName(self.name)
        self.parameters = parameters
        self.value = value
        self.lineNumber = lineNumber
    }

    /// A content line whose name is already upper case and tagged.
    init(
        upperName: String, property: PropertyName, parameters: [ContentParameter], value: String, lineNumber: Int
    ) {
        name = upperName
        self.property = property
        self.parameters = parameters
        self.value = value
        self.lineNumber = lineNumber
    }

    /// The first value of the parameter called `name` (any case), or nil.
    public func parameter(_ name: String) -> String? {
        guard !parameters.isEmpty else { return nil }
        return parameter(upper: ContentLine.upper(name))
    }

    /// The first value of a parameter whose name is given in upper case.
    @inline(__always)
    func parameter(upper name: String) -> String? {
        for parameter in parameters where parameter.name == name { return parameter.first }
        return nil
    }

    /// The first value of the parameter with this tag, or nil.
    @inline(__always)
    func parameter(_ tag: ParameterName) -> String? {
        for i in parameters.indices where parameters[i].tag == tag { return parameters[i].first }
        return nil
    }

    /// Every value of the parameter with this tag.
    @inline(__always)
    func parameterValues(_ tag: ParameterName) -> [String] {
        for i in parameters.indices where parameters[i].tag == tag { return parameters[i].values }
        return []
    }

    /// Every value of the parameter called `name`.
    public func parameterValues(_ name: String) -> [String] {
        guard !parameters.isEmpty else { return [] }
        return parameterValues(upper: ContentLine.upper(name))
    }

    /// Every value of the parameter whose name is given in upper case.
    @inline(__always)
    func parameterValues(upper name: String) -> [String] {
        for parameter in parameters where parameter.name == name { return parameter.values }
        return []
    }

    private static func upper(_ name: String) -> String { name.asciiUppercased }

    /// The value decoded as TEXT (RFC 5545, 3.3.11): `\\`, `\;`, `\,`, `\n` and `\N` unescaped.
    public var text: String { TextEscaping.unescape(value) }
}

extension String {
    /// Upper-cased; ASCII-only strings without lower-case letters are returned as they are, without allocating.
    var asciiUppercased: String {
        var copy = self
        let needs: Bool? = copy.withUTF8 { buffer -> Bool? in
            var needs = false
            for byte in buffer {
                if byte >= 0x80 { return nil }
                if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { needs = true }
            }
            return needs
        }
        guard let needs else { return uppercased() }
        return needs ? uppercased() : self
    }

    /// Without leading and trailing spaces; the same string when there are none.
    var trimmedSpaces: String {
        guard utf8.first == 0x20 || utf8.last == 0x20 else { return self }
        return trimmingSpaces
    }
}
