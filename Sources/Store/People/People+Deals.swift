import BatonCore

/// One lead's deal as the CRM exports have told it over time: what the revenue reports read.
public struct LeadDealHistory: Sendable, Equatable {
    /// One change of the amount, dated by the import that saw it.
    public struct AmountChange: Sendable, Equatable {
        public var at: Int64
        public var old: Money?
        public var new: Money?
        public init(at: Int64, old: Money?, new: Money?) {
            self.at = at
            self.old = old
            self.new = new
        }
    }

    /// One change of the rejection (or nurture) reason, dated by the import that saw it.
    public struct ReasonChange: Sendable, Equatable {
        public var at: Int64
        public var old: String?
        public var new: String?
        public init(at: Int64, old: String?, new: String?) {
            self.at = at
            self.old = old
            self.new = new
        }
    }

    public var leadID: Int64
    /// The amount and reason the store holds today.
    public var amount: Money?
    public var reason: String?
    /// `closed_at` as the CRM gave it (it keeps no history: the export's value wins).
    public var closedAt: Int64?
    /// Changes in time order (by time, then by the order they were written).
    public var amounts: [AmountChange]
    public var reasons: [ReasonChange]

    public init(
        leadID: Int64, amount: Money?, reason: String?, closedAt: Int64?, amounts: [AmountChange] = [],
        reasons: [ReasonChange] = []
    ) {
        self.leadID = leadID
        self.amount = amount
        self.reason = reason
        self.closedAt = closedAt
        self.amounts = amounts
        self.reasons = reasons
    }

    /// The amount as the store knew it at `now`: the newest change at or before `now`; before the first change,
    /// that change's old value; with no history at all (a store written before amounts had history), today's.
    public func amount(at now: Int64) -> Money? {
        guard let first = amounts.first else { return amount }
        return amounts.last { $0.at <= now }?.new ?? first.old
    }

    /// The reason as the store knew it at `now`, read like `amount(at:)`.
    public func reason(at now: Int64) -> String? {
        guard let first = reasons.first else { return reason }
        return reasons.last { $0.at <= now }?.new ?? first.old
    }
}

extension People {
    /// Every lead's deal with its amount and reason history, by lead id, in three queries.
    public func dealHistories() throws -> [Int64: LeadDealHistory] {
        var deals: [Int64: LeadDealHistory] = [:]
        for row in try database.query(
            "SELECT id, amount_minor, currency, rejection_reason, closed_at FROM leads ORDER BY id")
        {
            let id = try row.requiredInt("id")
            deals[id] = LeadDealHistory(
                leadID: id, amount: Self.money(row.int("amount_minor"), row.text("currency")),
                reason: row.text("rejection_reason"), closedAt: row.int("closed_at"))
        }
        for row in try database.query(
            """
            SELECT lead_id, old_minor, old_currency, new_minor, new_currency, changed_at FROM amount_history
            ORDER BY lead_id, changed_at, id
            """)
        {
            let id = try row.requiredInt("lead_id")
            deals[id]?.amounts.append(
                LeadDealHistory.AmountChange(
                    at: try row.requiredInt("changed_at"),
                    old: Self.money(row.int("old_minor"), row.text("old_currency")),
                    new: Self.money(row.int("new_minor"), row.text("new_currency"))))
        }
        for row in try database.query(
            "SELECT lead_id, old_reason, new_reason, changed_at FROM reason_history ORDER BY lead_id, changed_at, id")
        {
            let id = try row.requiredInt("lead_id")
            deals[id]?.reasons.append(
                LeadDealHistory.ReasonChange(
                    at: try row.requiredInt("changed_at"), old: row.text("old_reason"), new: row.text("new_reason")))
        }
        return deals
    }
}
