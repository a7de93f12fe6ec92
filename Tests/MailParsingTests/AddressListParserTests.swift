import Testing

@testable import MailParsing

@Suite struct AddressListParserTests {
    static let cases: [(String, [MailAddress])] = [
        ("John Doe <John.Doe@Example.COM>", [MailAddress(name: "John Doe", address: "john.doe@example.com")]),
        (
            "\"Doe, John\" <jd@example.com>, ann@example.com",
            [
                MailAddress(name: "Doe, John", address: "jd@example.com"),
                MailAddress(name: nil, address: "ann@example.com"),
            ]
        ),
        ("ann@example.com (Ann Lee)", [MailAddress(name: "Ann Lee", address: "ann@example.com")]),
        (
            "=?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <jm@example.de>",
            [MailAddress(name: "Jürgen Müller", address: "jm@example.de")]
        ),
        (
            "Sales team: a@x.com, \"B\" <b@x.com>;, c@x.com",
            [
                MailAddress(name: nil, address: "a@x.com"), MailAddress(name: "B", address: "b@x.com"),
                MailAddress(name: nil, address: "c@x.com"),
            ]
        ),
        ("undisclosed-recipients:;", []),
        ("<@relay.example.net,@other.example:joe@example.org>", [MailAddress(name: nil, address: "joe@example.org")]),
        (
            "Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>",
            [
                MailAddress(name: "Mary Smith", address: "mary@x.test"),
                MailAddress(name: nil, address: "jdoe@example.org"),
                MailAddress(name: "Who?", address: "one@y.test"),
            ]
        ),
        ("Broken Person", [MailAddress(name: "Broken Person", address: nil)]),
        ("Bob <bob-at-example>", [MailAddress(name: "Bob", address: nil)]),
        ("\"john smith\"@example.com", [MailAddress(name: nil, address: "\"john smith\"@example.com")]),
        (
            "Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>",
            [MailAddress(name: "Pete", address: "pete@silly.test")]
        ),
        ("Zoë Ünal <zoe@exämple.com>", [MailAddress(name: "Zoë Ünal", address: "zoe@exämple.com")]),
        ("John Smith john@example.com", [MailAddress(name: "John Smith", address: "john@example.com")]),
        ("", []),
    ]

    @Test("address lists decode to names and lowercased addr-specs", arguments: cases)
    func parses(input: String, expected: [MailAddress]) {
        var d: [MailDiagnostic] = []
        #expect(AddressListParser.parse(Array(input.utf8), diagnostics: &d) == expected)
    }
}
