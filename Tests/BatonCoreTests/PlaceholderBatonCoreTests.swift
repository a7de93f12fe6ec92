import Testing
@testable import BatonCore

@Suite struct PlaceholderBatonCoreTests {
    @Test("the module builds") func builds() { #expect(Bool(true)) }
}
