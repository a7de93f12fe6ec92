import Testing

@testable import MailParsing

@Suite struct InlineForwardsTests {
    /// 2026-03-03 16:05 as wall-clock time (read as UTC).
    static let local = MailDate(secondsSinceEpoch: Fixture.utc("2026-03-03 16:05:00"), hasZone: false)

    @Test("a Gmail forward yields the original's headers and text")
    func gmail() {
        let m = Fixture.message("forward-gmail.eml")
        #expect(m.text?.hasPrefix("Bob, can you take this one?\n\n---------- Forwarded message") == true)
        #expect(m.forwarded.count == 1)
        let f = m.forwarded[0]
        #expect(f.from == [MailAddress(name: "Carol Lead", address: "carol@customer.test")])
        #expect(f.to == [MailAddress(name: nil, address: "ann@example.com")])
        #expect(
            f.cc == [
                MailAddress(name: "Dan", address: "dan@customer.test"),
                MailAddress(name: "Eve", address: "eve@customer.test"),
            ])
        #expect(f.date == Self.local)
        #expect(f.subject == "Demo request")
        #expect(f.text == "Hi Ann,\nWe would like a demo.\n\nCarol")
    }

    @Test("an Outlook forward of a reply chain yields every message in order")
    func outlookChain() {
        let m = Fixture.message("forward-outlook-chain.eml")
        #expect(m.forwarded.count == 2)
        let first = m.forwarded[0]
        #expect(first.from == [MailAddress(name: "Carol Lead", address: "carol@customer.test")])
        #expect(
            first.to == [
                MailAddress(name: "Lee, Ann", address: "ann@example.com"), MailAddress(name: "Bob", address: nil),
            ])
        #expect(first.cc == [MailAddress(name: nil, address: "dan@customer.test")])
        #expect(first.date == Self.local)
        #expect(first.subject == "RE: Pricing")
        #expect(first.text == "Thanks, that works.")
        let second = m.forwarded[1]
        #expect(second.from == [MailAddress(name: "Ann Lee", address: "ann@example.com")])
        #expect(second.date == MailDate(secondsSinceEpoch: Fixture.utc("2026-03-02 11:00:00"), hasZone: false))
        #expect(second.subject == "Pricing")
        #expect(second.text == "Carol, our price is 10.")
    }

    @Test(
        "Outlook blocks in German, French and Spanish are read",
        arguments: [
            ("forward-outlook-de.eml", "Dirk Kunde", "dirk@kunde.test", "Anfrage", "Bitte um Rückruf."),
            ("forward-outlook-fr.eml", "Jean Client", "jean@client.test", "Demande", "Pouvez-vous me rappeler ?"),
            ("forward-outlook-es.eml", "Juan Cliente", "juan@cliente.test", "Consulta", "¿Me puede llamar?"),
        ])
    func localized(name: String, sender: String, address: String, subject: String, text: String) {
        let m = Fixture.message(name)
        #expect(m.forwarded.count == 1)
        let f = m.forwarded.first
        #expect(f?.from == [MailAddress(name: sender, address: address)])
        #expect(f?.to == [MailAddress(name: "Ann Lee", address: "ann@example.com")])
        #expect(f?.date == Self.local)
        #expect(f?.subject == subject)
        #expect(f?.text == text)
    }

    @Test("Apple Mail and Thunderbird forwards carry zoned dates")
    func appleAndThunderbird() {
        let apple = Fixture.message("forward-apple.eml").forwarded
        #expect(apple.count == 1)
        #expect(apple.first?.from == [MailAddress(name: "Frank", address: "frank@customer.test")])
        #expect(apple.first?.date == MailDate(secondsSinceEpoch: Fixture.utc("2026-03-03 16:05:00"), hasZone: true))
        #expect(apple.first?.subject == "Question")
        #expect(apple.first?.text == "Is it available in blue?")
        let tb = Fixture.message("forward-thunderbird.eml").forwarded
        #expect(tb.count == 1)
        #expect(tb.first?.from == [MailAddress(name: "Grace", address: "grace@customer.test")])
        #expect(tb.first?.to == [MailAddress(name: nil, address: "ann@example.com")])
        #expect(tb.first?.date == MailDate(secondsSinceEpoch: Fixture.utc("2026-03-03 16:05:00"), hasZone: true))
        #expect(tb.first?.subject == "Order")
        #expect(tb.first?.text == "We want 10 units.")
    }
}

@Suite struct QuotedRepliesTests {
    @Test("a forwarded Gmail reply chain yields the forward and every quoted reply, in order")
    func chain() {
        let f = Fixture.message("forward-gmail-chain.eml").forwarded
        #expect(f.count == 3)
        #expect(
            f.map(\.from) == [
                [MailAddress(name: "Carol Lead", address: "carol@customer.test")],
                [MailAddress(name: "Ann Lee", address: "ann@example.com")],
                [MailAddress(name: "Carol Lead", address: "carol@customer.test")],
            ])
        #expect(
            f.map(\.date?.secondsSinceEpoch) == [
                Fixture.utc("2026-03-04 09:00:00"), Fixture.utc("2026-03-03 16:05:00"),
                Fixture.utc("2026-03-02 11:00:00"),
            ])
        #expect(f.map(\.text) == ["Thursday works.", "Would Thursday suit you?", "We would like a demo."])
        #expect(f[0].subject == "Re: Demo request")
    }

    @Test("a forward quoted in a reply is read without its quote marks, and so is the chain inside it")
    func quotedForward() {
        let m = Fixture.message("forward-quoted.eml")
        let f = m.forwarded
        #expect(
            f.map(\.from) == [
                [MailAddress(name: "Carol Lead", address: "carol@customer.test")],
                [MailAddress(name: "Ann Lee", address: "ann@example.com")],
                [MailAddress(name: "Carol Lead", address: "carol@customer.test")],
            ])
        #expect(f.first?.to == [MailAddress(name: "Ann Lee", address: "ann@example.com")])
        #expect(f.first?.subject == "Re: Pricing")
        #expect(
            f.map(\.date) == [
                MailDate(secondsSinceEpoch: Fixture.utc("2026-03-04 09:00:00"), hasZone: false),
                MailDate(secondsSinceEpoch: Fixture.utc("2026-03-03 16:05:00"), hasZone: false),
                MailDate(secondsSinceEpoch: Fixture.utc("2026-03-02 11:00:00"), hasZone: false),
            ])
        #expect(f.map(\.text) == ["Thursday works.", "Would Thursday suit you?", "We would like a demo."])
    }

    @Test("an Outlook block quoted twice without spaces ends where its quote ends")
    func quotedOutlookBlock() {
        let f = Fixture.message("forward-quoted-outlook.eml").forwarded
        #expect(f.count == 1)
        #expect(f.first?.from == [MailAddress(name: "Dirk Kunde", address: "dirk@kunde.test")])
        #expect(f.first?.to == [MailAddress(name: "Ann Lee", address: "ann@example.com")])
        #expect(
            f.first?.cc == [
                MailAddress(name: "Eva Kunde", address: "eva@kunde.test"),
                MailAddress(name: "Lee, Ann", address: "ann@example.com"),
            ])
        #expect(f.first?.subject == "Anfrage")
        #expect(f.first?.date == MailDate(secondsSinceEpoch: Fixture.utc("2026-03-13 10:15:00"), hasZone: false))
        // The reply's own `>Ann` after the quoted block is not part of the original.
        #expect(f.first?.text == "Bitte um Rückruf.\n\nDirk")
    }

    @Test("numeric dates in attribution lines are read when unambiguous and left out otherwise")
    func numericAttributionDates() {
        let f = Fixture.message("forward-numeric-dates.eml").forwarded
        func local(_ text: String) -> MailDate { MailDate(secondsSinceEpoch: Fixture.utc(text), hasZone: false) }
        #expect(
            f.map(\.date) == [
                local("2026-03-13 11:00:00"),  // the forwarded header block
                local("2026-03-13 10:15:00"),  // 13/03/2026: 13 cannot be a month
                local("2026-03-12 09:30:00"),  // 2026-03-12: year first is always year, month, day
                local("2026-03-11 17:45:00"),  // 2026/03/11
                nil,  // 03/10/2026: 3 October or 10 March
                local("2026-03-03 16:05:00"),  // 03/03/2026: the same either way
                local("2026-02-28 09:00:00"),  // Am 28.02.2026 um 09:00 schrieb …:
                local("2026-02-27 16:05:00"),  // 02/27/2026 4:05 PM: 27 cannot be a month
            ])
        #expect(
            f.map { $0.from.first?.address } == [
                "carol@customer.test", "ann@example.com", "carol@customer.test", "ann@example.com",
                "carol@customer.test", "ann@example.com", "carol@customer.test", "ann@example.com",
            ])
        #expect(
            f.map(\.text) == [
                "Friday then.", "How about Friday?", "Can we meet?", "Any news?", "Not yet.", "Did you decide?",
                "Wir überlegen noch.", "Here is the offer.",
            ])
    }
}
