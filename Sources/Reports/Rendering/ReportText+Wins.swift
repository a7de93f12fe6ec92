import BatonCore

/// Shared wins in the text report: the won deals (when, lead, source, owner, amount), their steps (MQL → first
/// response → won, then the lead's name and company, cut first when the line is too long), the won revenue per
/// currency, and the targets. Lead addresses are never cut. Amounts print as `12000.00 GBP` (`Money.description`: the decimal with
/// the currency's minor digits, then the code); MQL → first response is in the policy's time, the other two in
/// calendar time (`44d 01h`).
extension ReportText {
    static func sharedWins(_ out: inout String, _ wins: SharedWins) {
        section(&out, "Shared wins: deals won in the period", wins.deals.isEmpty) {
            var t = ReportTable([
                .fixed("WON"), .fixed("LEAD"), .text("SOURCE"), .text("OWNER"), .number("AMOUNT"),
            ])
            for deal in wins.deals {
                t.add([time(deal.wonAt), deal.lead, deal.source, deal.owner ?? "-", money(deal.amount)])
            }
            return t
        }
        section(&out, "Shared wins: MQL to first response to won", wins.deals.isEmpty) {
            var t = ReportTable([
                .fixed("LEAD"), .fixed("FIRST RESPONSE"), .number("MQL>RESPONSE"), .number("RESPONSE>WON"),
                .number("MQL>WON"), .text("NAME"),
            ])
            for deal in wins.deals {
                t.add([
                    deal.lead, deal.firstResponseAt.map(time) ?? "-", duration(deal.mqlToFirstResponseSeconds),
                    duration(deal.firstResponseToWonSeconds, calendar: true),
                    duration(deal.mqlToWonSeconds, calendar: true), name(deal),
                ])
            }
            return t
        }
        section(&out, "Shared wins: won revenue", wins.wonRevenue.isEmpty) {
            var t = ReportTable([.number("WON REVENUE")])
            for amount in wins.wonRevenue { t.add([amount.description]) }
            return t
        }
        guard !wins.targets.isEmpty else { return }
        let asOf = wins.targets[0].asOf
        section(&out, "Shared wins: targets, up to \(time(asOf)) (pace: share of the month or quarter gone)", false) {
            var t = ReportTable([
                .fixed("TARGET"), .fixed("SIDE"), .fixed("SPAN"), .number("ACTUAL"), .number("TARGET"),
                .number("PROGRESS"), .number("PACE"), .fixed("STATUS"),
            ])
            for row in wins.targets {
                t.add([
                    row.metric.rawValue, row.side.rawValue, row.span, value(row.actual), value(row.target),
                    share(row.progress), share(row.pace), row.ahead.map { $0 ? "ahead" : "behind" } ?? "-",
                ])
            }
            return t
        }
        for row in wins.targets where row.unconverted > 0 {
            out += "\(row.metric.rawValue) leaves out \(row.unconverted) deal\(row.unconverted == 1 ? "" : "s") "
            out += "it cannot convert (no rate): " + row.unconvertedAmounts.map(\.description).joined(separator: ", ")
            out += "\n"
        }
    }

    /// `Name (Company)`, either alone, or `-`.
    static func name(_ deal: WonDeal) -> String {
        switch (deal.name, deal.company) {
        case (let name?, let company?): "\(name) (\(company))"
        case (let name?, nil): name
        case (nil, let company?): company
        case (nil, nil): "-"
        }
    }

    /// `12000.00 GBP`, `-` for nil.
    static func money(_ amount: Money?) -> String { amount?.description ?? "-" }

    /// A count, or an amount.
    static func value(_ value: TargetValue) -> String {
        switch value {
        case .count(let n): String(n)
        case .money(let amount): amount.description
        }
    }
}
