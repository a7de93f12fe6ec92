import BatonCore

/// Shared wins in the JSON report, three keys after `weekly`:
///
/// ```
/// "wins": [{"lead", "name", "company", "source", "owner", "amount", "currency", "mql_at", "first_response_at",
///           "won_at", "mql_to_first_response_seconds", "first_response_to_won_seconds", "mql_to_won_seconds"}],
/// "won_revenue": [{"amount", "currency"}],
/// "targets": [{"target", "side", "span", "span_start", "span_end", "as_of", "actual", "target_value",
///              "currency", "progress", "pace", "ahead", "unconverted", "unconverted_amounts": [{"amount",
///              "currency"}]}]
/// ```
/// Amounts are decimal strings with the currency's minor digits (`"12000.00"`), never numbers, beside their
/// `currency` (null with a null amount; for count targets `currency` is null and `actual` and `target_value` are
/// integers).
extension ReportJSON {
    static func wins(_ wins: SharedWins) -> JSONValue {
        .array(
            wins.deals.map {
                .object([
                    ("lead", .string($0.lead)), ("name", .string($0.name)), ("company", .string($0.company)),
                    ("source", .string($0.source)), ("owner", .string($0.owner)),
                    ("amount", .string($0.amount?.decimalText)), ("currency", .string($0.amount?.currency)),
                    ("mql_at", .time(epochSeconds: $0.mqlAt)),
                    ("first_response_at", .time(epochSeconds: $0.firstResponseAt)),
                    ("won_at", .time(epochSeconds: $0.wonAt)),
                    ("mql_to_first_response_seconds", .int($0.mqlToFirstResponseSeconds)),
                    ("first_response_to_won_seconds", .int($0.firstResponseToWonSeconds)),
                    ("mql_to_won_seconds", .int($0.mqlToWonSeconds)),
                ])
            })
    }

    static func wonRevenue(_ wins: SharedWins) -> JSONValue { .array(wins.wonRevenue.map(money)) }

    static func targets(_ wins: SharedWins) -> JSONValue {
        .array(
            wins.targets.map { row in
                var currency: String?
                func value(_ value: TargetValue) -> JSONValue {
                    switch value {
                    case .count(let n): return .int(n)
                    case .money(let amount):
                        currency = amount.currency
                        return .string(amount.decimalText)
                    }
                }
                let actual = value(row.actual)
                let target = value(row.target)
                return .object([
                    ("target", .string(row.metric.rawValue)), ("side", .string(row.side.rawValue)),
                    ("span", .string(row.span)), ("span_start", .time(epochSeconds: row.spanStart)),
                    ("span_end", .time(epochSeconds: row.spanEnd)), ("as_of", .time(epochSeconds: row.asOf)),
                    ("actual", actual), ("target_value", target), ("currency", .string(currency)),
                    ("progress", number(row.progress)), ("pace", .double(row.pace)),
                    ("ahead", row.ahead.map { .bool($0) } ?? .null), ("unconverted", .int(row.unconverted)),
                    ("unconverted_amounts", .array(row.unconvertedAmounts.map(money))),
                ])
            })
    }

    /// `{"amount": "12000.00", "currency": "GBP"}`.
    static func money(_ amount: Money) -> JSONValue {
        .object([("amount", .string(amount.decimalText)), ("currency", .string(amount.currency))])
    }
}
