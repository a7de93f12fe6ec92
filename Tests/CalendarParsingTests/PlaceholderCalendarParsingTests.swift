import Testing
@testable import CalendarParsing

@Suite struct PlaceholderCalendarParsingTests {
    @Test("the module builds") func builds() { #expect(Bool(true)) }
}
