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
        // A display name that is itself an address stays as written. Python's `email` reads two mailboxes here
        // (getaddresses) or drops the bracketed one (the default policy); the `<…>` is the mailbox.
        (
            "alice@example.com <bob@example.com>",
            [MailAddress(name: "alice@example.com", address: "bob@example.com")]
        ),
        (
            "alice @ example.com <bob@example.com>",
            [MailAddress(name: "alice @ example.com", address: "bob@example.com")]
        ),
        (
            "\"alice@example.com\" <bob@example.com>",
            [MailAddress(name: "alice@example.com", address: "bob@example.com")]
        ),
        (
            "=?UTF-8?Q?alice=40example.com?= <bob@example.com>",
            [MailAddress(name: "alice@example.com", address: "bob@example.com")]
        ),
        (
            "alice@example.com (Alice) <bob@example.com>",
            [MailAddress(name: "alice@example.com", address: "bob@example.com")]
        ),
        ("J. R. Smith <jrs@example.com>", [MailAddress(name: "J. R. Smith", address: "jrs@example.com")]),
        ("Dr.Who <who@example.com>", [MailAddress(name: "Dr.Who", address: "who@example.com")]),
        ("  Ann   Lee  <ann@example.com>", [MailAddress(name: "Ann Lee", address: "ann@example.com")]),
        // A comment between words counts as the space it stands for (RFC 5322 section 3.2.2); words written
        // together stay together, as Python's default policy reads them too.
        ("John(the boss)Smith <js@example.com>", [MailAddress(name: "John Smith", address: "js@example.com")]),
        ("Ann\"Lee\" <al@example.com>", [MailAddress(name: "AnnLee", address: "al@example.com")]),
        ("\"Ann\" \"Lee\" <al@example.com>", [MailAddress(name: "Ann Lee", address: "al@example.com")]),
        (
            "=?UTF-8?Q?J=C3=BCrgen?= =?UTF-8?Q?_M=C3=BCller?= <jm@example.de>",
            [MailAddress(name: "Jürgen Müller", address: "jm@example.de")]
        ),
        ("", []),
    ]

    @Test("address lists decode to names and lowercased addr-specs", arguments: cases)
    func parses(input: String, expected: [MailAddress]) {
        var d: [MailDiagnostic] = []
        #expect(AddressListParser.parse(Array(input.utf8), diagnostics: &d) == expected)
    }

    @Test("a fixture's display names that look like addresses are kept as written in every address field")
    func displayNamesAsWritten() {
        let m = Fixture.message("address-display-names.eml")
        #expect(m.from == [MailAddress(name: "alice@example.com", address: "bob@example.com")])
        #expect(
            m.to == [
                MailAddress(name: "J. R. Smith", address: "jrs@example.com"),
                MailAddress(name: "J. R. Smith", address: "jr.smith@example.com"),
                MailAddress(name: "alice @ example.com", address: "carol@example.com"),
            ])
        #expect(
            m.cc == [
                MailAddress(name: "alice@example.com", address: "dave@example.com"),
                MailAddress(name: "alice@example.com", address: "erin@example.com"),
                MailAddress(name: "John Smith", address: "js@example.com"),
                MailAddress(name: "AnnLee", address: "ann.lee@example.com"),
            ])
        // Python's getaddresses reads `sales@example.com (Sales desk)` as a mailbox of its own.
        #expect(m.replyTo == [MailAddress(name: "sales@example.com", address: "replies@example.com")])
        #expect(m.diagnostics == [])
    }
}
