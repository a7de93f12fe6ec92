import Testing
@testable import BatonCLI

@Suite struct PlaceholderBatonCLITests {
    @Test("the module builds") func builds() { #expect(Bool(true)) }
}
