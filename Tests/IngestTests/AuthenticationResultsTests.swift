import Testing

@testable import Ingest

/// `Authentication-Results` fields shaped as the receiving systems of docs/capture-drop.md write them: OpenDKIM,
/// OpenDMARC and rspamd on a self-hosted postfix (the configured authserv-id first), Gmail (`mx.google.com`),
/// and Microsoft 365, whose field has no authserv-id at all.
@Suite struct AuthenticationResultsTests {
    static let openDKIM: String =
        "baton.example.com;\r\n\tdkim=pass (2048-bit key; unprotected) header.d=example.com header.i=@example.com\r\n"
        + "\theader.a=rsa-sha256 header.s=s1 header.b=AbCd1234"
    static let openDMARC: String = "baton.example.com; dmarc=pass (p=none dis=none) header.from=example.com"
    static let openDMARCSPF: String = "baton.example.com; spf=pass smtp.mailfrom=ann@example.com"
    static let rspamd: String =
        "baton.example.com;\r\n\tdkim=pass header.d=example.com header.s=dkim header.b=QmFzZTY0;\r\n"
        + "\tspf=pass (baton.example.com: domain of ann@example.com designates 192.0.2.10 as permitted sender) "
        + "smtp.mailfrom=ann@example.com;\r\n\tdmarc=pass (policy=none) header.from=example.com"
    static let gmail: String =
        "mx.google.com;\r\n       dkim=pass header.i=@example.com header.s=google header.b=Xy12Ab34;\r\n"
        + "       spf=pass (google.com: domain of ann@example.com designates 209.85.220.41 as permitted sender) "
        + "smtp.mailfrom=ann@example.com;\r\n       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=example.com"
    static let microsoft: String =
        "spf=pass (sender IP is 209.85.128.41)\r\n smtp.mailfrom=example.com; dkim=pass (signature was verified)\r\n"
        + " header.d=example.com;dmarc=pass action=none header.from=example.com;compauth=pass\r\n reason=100"
    /// The older shape, with the receiving domain as a statement of its own after each result.
    static let microsoftWithDomains: String =
        "spf=pass (sender IP is 209.85.219.172) smtp.mailfrom=example.com; contoso.com; dkim=pass (signature was "
        + "verified) header.d=example.com;contoso.com; dmarc=pass action=none header.from=example.com;compauth=pass "
        + "reason=100"
    /// A result's properties cut off by a `;` of their own.
    static let microsoftCut: String =
        "spf=pass (sender IP is 209.85.222.48); smtp.mailfrom=example.com; dkim=pass (signature was verified); "
        + "header.d=example.com;dmarc=pass action=none; header.from=example.com;compauth=pass reason=100"
    static let microsoftFail: String =
        "spf=fail (sender IP is 203.0.113.9) smtp.mailfrom=example.com; dkim=none (message not signed) "
        + "header.d=none;dmarc=fail action=quarantine header.from=example.com;compauth=fail reason=000"

    static func passes(_ fields: [String], _ authservID: String) -> Bool {
        AuthenticationResults.passes(fields, authservID: authservID, domain: "example.com")
    }

    @Test(
        "a self-hosted MTA's fields pass with its own authserv-id, and only with it",
        arguments: [openDKIM, openDMARCSPF, rspamd])
    func selfHosted(field: String) {
        #expect(Self.passes([field], "baton.example.com"))
        #expect(!Self.passes([field], "mx.example.com"))
        #expect(!Self.passes([field], AuthenticationResults.microsoftID))
    }

    @Test("OpenDMARC's own field is not enough: DMARC alone names no verified DKIM or SPF identity")
    func dmarcAlone() {
        #expect(!Self.passes([Self.openDMARC], "baton.example.com"))
    }

    @Test("Gmail's field passes with mx.google.com")
    func gmailField() {
        #expect(Self.passes([Self.gmail], "mx.google.com"))
        #expect(!Self.passes([Self.gmail], "baton.example.com"))
    }

    @Test(
        "Microsoft 365's field without an authserv-id passes as mx.microsoft.com's when it is the topmost",
        arguments: [microsoft, microsoftWithDomains, microsoftCut])
    func microsoftField(field: String) {
        #expect(Self.passes([field], AuthenticationResults.microsoftID))
        #expect(Self.passes([field, Self.openDMARC], AuthenticationResults.microsoftID))
        #expect(!Self.passes([field], "baton.example.com"))
        #expect(!Self.passes([field], "mx.google.com"))
    }

    @Test("a field without an authserv-id below the topmost one is not trusted: the message came with it")
    func microsoftForgedBelow() {
        #expect(!Self.passes([Self.microsoftFail, Self.microsoft], AuthenticationResults.microsoftID))
        #expect(!Self.passes([Self.gmail, Self.microsoft], AuthenticationResults.microsoftID))
        #expect(!Self.passes([Self.microsoftFail], AuthenticationResults.microsoftID))
    }

    @Test("a passing result for another domain does not pass")
    func otherDomain() {
        #expect(!AuthenticationResults.passes([Self.microsoft], authservID: "mx.microsoft.com", domain: "contoso.com"))
        #expect(!AuthenticationResults.passes([Self.gmail], authservID: "mx.google.com", domain: "contoso.com"))
    }
}
