import BatonCore
import Testing

/// Amounts in whole minor units of an ISO 4217 currency, parsed exactly and never guessed at.
@Suite struct MoneyTests {
    @Test(
        "decimals with '.' become minor units by the currency's digits",
        arguments: [
            ("12500", "EUR", Int64(1_250_000)), ("12500.5", "eur", 1_250_050), ("0.99", "USD", 99),
            ("-3", "GBP", -300), (" 1500 ", "JPY", 1500), ("1.234", "KWD", 1234), ("0", "CHF", 0),
        ])
    func parses(text: String, currency: String, minor: Int64) throws {
        let money = try Money.parse(text, currency: currency)
        #expect(money == Money(minor: minor, currency: currency.uppercased()))
    }

    @Test(
        "a comma, a letter, a second point, too many decimals, an unknown code or an overflow is refused",
        arguments: [
            ("12,5O0", "EUR", Money.ParseError.notANumber("12,5O0")),
            ("12,500", "EUR", .notANumber("12,500")), ("1.2.3", "EUR", .notANumber("1.2.3")),
            ("", "EUR", .notANumber("")), ("-", "EUR", .notANumber("-")), ("5.", "EUR", .notANumber("5.")),
            (".5", "EUR", .notANumber(".5")), ("1e3", "EUR", .notANumber("1e3")),
            ("12.345", "EUR", .tooManyDecimals("12.345", currency: "EUR", digits: 2)),
            ("1.5", "JPY", .tooManyDecimals("1.5", currency: "JPY", digits: 0)),
            ("10", "EURO", .unknownCurrency("EURO")), ("10", "", .unknownCurrency("")),
            ("99999999999999999999", "EUR", .tooLarge("99999999999999999999")),
        ])
    func refuses(text: String, currency: String, error: Money.ParseError) {
        #expect(throws: error) { try Money.parse(text, currency: currency) }
    }

    @Test("the messages name the text and the rule")
    func messages() {
        #expect(
            Money.ParseError.notANumber("12,5O0").description
                == "'12,5O0' is not an amount (digits with '.' as the decimal separator, no thousands separators)")
        #expect(
            Money.ParseError.tooManyDecimals("1.5", currency: "JPY", digits: 0).description
                == "'1.5' has more decimals than JPY's 0")
        #expect(Money.ParseError.unknownCurrency("EURO").description == "'EURO' is not an ISO 4217 currency code")
    }

    @Test("printed with the currency's digits; sums only within one currency")
    func printsAndAdds() {
        #expect(Money(minor: 1_250_050, currency: "EUR").description == "12500.50 EUR")
        #expect(Money(minor: -5, currency: "USD").decimalText == "-0.05")
        #expect(Money(minor: 1500, currency: "JPY").decimalText == "1500")
        #expect(Money(minor: 1234, currency: "KWD").decimalText == "1.234")
        #expect(
            Money(minor: 100, currency: "EUR").adding(Money(minor: 250, currency: "EUR"))
                == Money(minor: 350, currency: "EUR"))
        #expect(Money(minor: 100, currency: "EUR").adding(Money(minor: 250, currency: "USD")) == nil)
        #expect(Money(minor: .max, currency: "EUR").adding(Money(minor: 1, currency: "EUR")) == nil)
    }
}
