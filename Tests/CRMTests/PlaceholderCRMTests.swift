import Testing
@testable import CRM

@Suite struct PlaceholderCRMTests {
    @Test("the module builds") func builds() { #expect(Bool(true)) }
}
