import Testing

@testable import SLA

@Suite struct PlaceholderSLATests {
    @Test("the module builds") func builds() { #expect(Bool(true)) }
}
