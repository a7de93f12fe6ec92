import Alerts
import Testing

@Suite struct AlertMessageIDTests {
    @Test("alert ids are 32 hex digits of the key's SHA-256 at the domain, the same for the same key")
    func make() {
        let key = "lead:17/policy:first-response/episode:1/breach"
        #expect(
            AlertMessageID.make(key: key, domain: "baton.example.com")
                == "baton-alert.c2f937d7a1c551bff233b5ef895c2451@baton.example.com")
        #expect(
            AlertMessageID.make(key: key, domain: "baton.example.com")
                == AlertMessageID.make(key: key, domain: "baton.example.com"))
        #expect(
            AlertMessageID.make(key: key + "x", domain: "baton.example.com")
                != AlertMessageID.make(key: key, domain: "baton.example.com"))
    }

    @Test("the thread root is derived from the lead key alone")
    func threadRoot() {
        #expect(
            AlertMessageID.threadRoot(leadKey: "lead:17", domain: "baton.example.com")
                == "baton-lead.ac785f0d77e765bf3c75090996b4ef3c@baton.example.com")
    }

    @Test("a domain with brackets, spaces or line breaks is reduced to a dot-atom")
    func hostileDomain() {
        #expect(AlertMessageID.make(key: "k", domain: "ex ample.com>\r\nX: y").hasSuffix("@example.comXy"))
        #expect(AlertMessageID.make(key: "k", domain: "\r\n").hasSuffix("@baton.invalid"))
    }

    @Test(
        "Baton's own ids are recognised, with or without brackets and in any case",
        arguments: [
            "baton-alert.c2f937d7a1c551bff233b5ef895c2451@baton.example.com",
            "<baton-lead.ac785f0d77e765bf3c75090996b4ef3c@baton.example.com>",
            "Baton-Alert.C2F937D7A1C551BFF233B5EF895C2451@Baton.Example.com",
        ])
    func recognised(id: String) {
        #expect(AlertMessageID.isBaton(id))
    }

    @Test(
        "other ids are not Baton's",
        arguments: [
            "baton-alert.c2f937d7a1c551bff233b5ef895c245@baton.example.com",
            "baton-alert.c2f937d7a1c551bff233b5ef895c2451x@baton.example.com",
            "baton-alert.c2f937d7a1c551bff233b5ef895c2451@",
            "baton-alert.zzf937d7a1c551bff233b5ef895c2451@baton.example.com",
            "baton-digest.c2f937d7a1c551bff233b5ef895c2451@baton.example.com",
            "CAF=abc@mail.gmail.com", "",
        ])
    func notRecognised(id: String) {
        #expect(!AlertMessageID.isBaton(id))
    }

    @Test("ids made by make and threadRoot are recognised")
    func madeAreRecognised() {
        #expect(AlertMessageID.isBaton(AlertMessageID.make(key: "x", domain: "d.example")))
        #expect(AlertMessageID.isBaton(AlertMessageID.threadRoot(leadKey: "x", domain: "d.example")))
    }
}
