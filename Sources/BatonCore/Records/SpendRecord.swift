/// One row of the spend file: what marketing spent on one source (channel) in one month, in one currency.
public struct SpendRecord: Sendable, Equatable {
    /// The file line the row starts on.
    public var line: Int
    /// The lead source the money was spent on, as the leads' `source` column writes it.
    public var source: String
    /// The month the spend is booked in.
    public var month: YearMonth
    /// The amount spent, never negative.
    public var amount: Money

    /// A row read from line `line`.
    public init(line: Int, source: String, month: YearMonth, amount: Money) {
        self.line = line
        self.source = source
        self.month = month
        self.amount = amount
    }
}
