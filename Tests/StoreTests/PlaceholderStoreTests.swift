import Testing
@testable import Store

@Suite struct PlaceholderStoreTests {
    @Test("the module builds") func builds() { #expect(Bool(true)) }
}
