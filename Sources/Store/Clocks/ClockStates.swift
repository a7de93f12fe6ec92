import BatonCore

/// One lead's clock state as of its last evaluation: what `store.clockStates` keeps so that a scan evaluates only
/// the leads whose clocks may have changed.
public struct LeadClockState: Sendable, Equatable {
    public var leadID: Int64
    /// When it was evaluated.
    public var evaluatedAt: Int64
    /// The first moment after `evaluatedAt` at which its clocks change without new history; nil when none will.
    public var nextAt: Int64?
    /// Its episodes counted by state (states with none left out).
    public var counts: [ClockState: Int]

    /// A lead's state evaluated at `evaluatedAt`.
    public init(leadID: Int64, evaluatedAt: Int64, nextAt: Int64?, counts: [ClockState: Int]) {
        self.leadID = leadID
        self.evaluatedAt = evaluatedAt
        self.nextAt = nextAt
        self.counts = counts
    }
}

/// Each lead's clock state as of its last evaluation (`store.clockStates`, table `clock_state`): which leads are
/// dirty (the store's triggers mark a lead whenever what the clocks read about it changes), when each is next due,
/// and its episodes counted by state; with the fingerprint of what the clocks read beside the history. A topic of
/// `BatonStore`: a value holding the store's connection and nothing else, writing inside its caller's unit of
/// work.
public struct ClockStates {
    /// The store's connection.
    let database: any Database

    /// The leads to evaluate at `now`, in id order: dirty ones and those whose next instant has come.
    public func pending(now: Int64) throws -> [Int64] {
        try database.query(
            """
            SELECT lead_id FROM clock_state WHERE dirty = 1
            UNION SELECT lead_id FROM clock_state WHERE next_at <= ?
            ORDER BY lead_id
            """, now
        ).map { try $0.requiredInt("lead_id") }
    }

    /// How many interactions each pending lead at `now` has (what evaluating it loads), in one pass over the
    /// interactions' index; leads with none are left out.
    public func pendingHistorySizes(now: Int64) throws -> [Int64: Int] {
        var sizes: [Int64: Int] = [:]
        for row in try database.query(
            """
            SELECT i.lead_id AS lead_id, COUNT(*) AS n FROM interactions i
            WHERE i.lead_id IN (SELECT lead_id FROM clock_state WHERE dirty = 1 UNION
                                SELECT lead_id FROM clock_state WHERE next_at <= ?)
            GROUP BY i.lead_id
            """, now)
        {
            sizes[try row.requiredInt("lead_id")] = Int(try row.requiredInt("n"))
        }
        return sizes
    }

    /// How many leads have a state row (every lead has one).
    public func leadCount() throws -> Int {
        Int(try database.scalar("SELECT COUNT(*) FROM clock_state")?.int64 ?? 0)
    }

    /// Marks every lead dirty: the next evaluation covers them all.
    public func invalidateAll() throws {
        try database.execute("UPDATE clock_state SET dirty = 1 WHERE dirty = 0")
    }

    /// Stores `state` for its lead, which is then clean: an interaction stored after it in the same transaction
    /// marks the lead again.
    public func record(_ state: LeadClockState) throws {
        database.transactionMemo?.markedLeads.remove(state.leadID)
        let c = state.counts
        try database.execute(
            """
            UPDATE clock_state SET dirty = 0, evaluated_at = ?, next_at = ?, running = ?, warning = ?, breached = ?,
                paused = ?, met = ?, met_late = ?, cancelled = ?
            WHERE lead_id = ?
            """,
            [
                .integer(state.evaluatedAt), state.nextAt.map(SQLValue.integer) ?? .null,
                .integer(Int64(c[.running] ?? 0)), .integer(Int64(c[.warning] ?? 0)),
                .integer(Int64(c[.breached] ?? 0)), .integer(Int64(c[.paused] ?? 0)), .integer(Int64(c[.met] ?? 0)),
                .integer(Int64(c[.metLate] ?? 0)), .integer(Int64(c[.cancelled] ?? 0)), .integer(state.leadID),
            ])
    }

    /// Every lead's stored state that has been evaluated, by lead id (for checks and tests).
    public func states() throws -> [LeadClockState] {
        try database.query(
            """
            SELECT lead_id, evaluated_at, next_at, running, warning, breached, paused, met, met_late, cancelled
            FROM clock_state WHERE evaluated_at IS NOT NULL ORDER BY lead_id
            """
        ).map { row in
            var counts: [ClockState: Int] = [:]
            for state in ClockState.allCases {
                let count = Int(try row.requiredInt(state.rawValue))
                if count > 0 { counts[state] = count }
            }
            return LeadClockState(
                leadID: try row.requiredInt("lead_id"), evaluatedAt: try row.requiredInt("evaluated_at"),
                nextAt: row.int("next_at"), counts: counts)
        }
    }

    /// The episodes of all leads counted by state, as last evaluated (states with none left out).
    public func totals() throws -> [ClockState: Int] {
        guard
            let row = try database.query(
                """
                SELECT SUM(running) AS running, SUM(warning) AS warning, SUM(breached) AS breached,
                    SUM(paused) AS paused, SUM(met) AS met, SUM(met_late) AS met_late, SUM(cancelled) AS cancelled
                FROM clock_state
                """
            ).first
        else { return [:] }
        var totals: [ClockState: Int] = [:]
        for state in ClockState.allCases {
            if let count = row.int(state.rawValue), count > 0 { totals[state] = Int(count) }
        }
        return totals
    }

    /// The fingerprint of what the clocks read besides the history (policies, teams, holidays, reps, retention,
    /// alerts), as of the last evaluation.
    public var fingerprint: String? {
        get throws { try StoreSettings(database: database).clockFingerprint }
    }

    /// The latest `now` any lead was evaluated at.
    public var lastEvaluatedAt: Int64? {
        get throws { try StoreSettings(database: database).clocksEvaluatedAt }
    }

    /// Records the fingerprint and the `now` of an evaluation.
    public func recordEvaluation(fingerprint: String, at now: Int64) throws {
        let settings = StoreSettings(database: database)
        try settings.setClockFingerprint(fingerprint)
        try settings.setClocksEvaluatedAt(now)
    }

    /// The reps' own zones (`reps.timezone`), each once, in order: the fingerprint reads each zone's rules.
    public func repZones() throws -> [String] {
        try database.query("SELECT DISTINCT timezone FROM reps WHERE timezone IS NOT NULL ORDER BY timezone")
            .compactMap { $0.text("timezone") }
    }

    /// The reps as the clocks read them (primary address, team, zone, every address), one canonical text: part of
    /// the fingerprint.
    public func repsText() throws -> String {
        try database.query(
            """
            SELECT r.email AS email, r.team AS team, r.timezone AS timezone, ra.address AS address
            FROM reps r LEFT JOIN rep_addresses ra ON ra.rep_id = r.id ORDER BY r.email, ra.address
            """
        ).map { row in
            [row.text("email") ?? "", row.text("team") ?? "-", row.text("timezone") ?? "-", row.text("address") ?? "-"]
                .joined(separator: "\t")
        }.joined(separator: "\n")
    }
}
