import Testing

@testable import MailParsing

@Suite struct EncodedWordsTests {
    @Test(
        "encoded words decode, adjacent ones join, bad ones stay as written",
        arguments: [
            ("=?UTF-8?B?SGVsbG8gV29ybGQ=?=", "Hello World"),
            ("=?iso-8859-1?q?Gr=FC=DFe_aus_K=F6ln?=", "Grüße aus Köln"),
            ("=?UTF-8?Q?a?= =?UTF-8?Q?b?=", "ab"),
            ("=?UTF-8?Q?a?=  x  =?UTF-8?Q?b?=", "a  x  b"),
            ("Re: =?utf-8?b?w6k=?=t=C3=A9", "Re: ét=C3=A9"),
            ("=?UTF-8?B?8J+Y?= =?UTF-8?B?gA==?=", "😀"),
            ("=?UTF-8?X?abc?=", "=?UTF-8?X?abc?="),
            ("=?UTF-8?B?not base64?=", "=?UTF-8?B?not base64?="),
            ("=?windows-1252?Q?=80_5?=", "€ 5"),
            ("=?koi8-r?B?8NLJ18XU?=", "Привет"),
            ("Caf\u{E9} plain", "Café plain"),
        ])
    func decodes(input: String, expected: String) {
        var d: [MailDiagnostic] = []
        #expect(EncodedWords.decode(Array(input.utf8), diagnostics: &d) == expected)
    }

    @Test("RFC 2231 parameters: continuations, charset and language, and precedence over the plain form")
    func parameters() {
        var d: [MailDiagnostic] = []
        let value =
            "attachment; filename=\"plain.txt\"; filename*0*=iso-8859-1'de'R%E9sum%E9; filename*1=\" final.pdf\"; size=10"
        let fields = ContentFields(Array(value.utf8), diagnostics: &d)
        #expect(fields.value == "attachment")
        #expect(fields.parameters == ["filename": "Résumé final.pdf", "size": "10"])
        let quoted = ContentFields(
            Array("text/plain; charset=\"UTF-8\" (comment); name=\"=?UTF-8?Q?Gr=C3=BC=C3=9Fe?=.txt\"".utf8),
            diagnostics: &d)
        #expect(quoted.value == "text/plain")
        #expect(quoted.parameters == ["charset": "UTF-8", "name": "Grüße.txt"])
    }
}
