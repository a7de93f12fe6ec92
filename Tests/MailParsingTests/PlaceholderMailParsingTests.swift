import Testing
@testable import MailParsing

@Suite struct PlaceholderMailParsingTests {
    @Test("the module builds") func builds() { #expect(Bool(true)) }
}
