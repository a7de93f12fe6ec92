/// Speed and outcome of the MQLs of the period from one source (`all` for the total), side by side: how fast
/// sales answered them and how fast they became SQL.
public struct SpeedRow: Sendable, Equatable {
    public var source: String
    /// Leads of the source that became MQL in the period.
    public var mql: Int
    /// Of those, the leads whose first first-response episode (earliest start) was met or met late by `now`.
    public var answered: Int
    /// Nearest-rank median of the answered ones' first-response time (elapsed seconds in the policy's time:
    /// business seconds for a business policy); nil when none was answered.
    public var medianFirstResponseSeconds: Int64?
    /// Met ÷ (met + met late + breached + cancelled after the due time) over the same first first-response
    /// episodes, one per lead that has one; nil when that is 0 ÷ 0.
    public var withinTarget: Double?
    /// Of the MQLs, the leads that reached SQL (or a later funnel stage) by `now`.
    public var sql: Int
    /// `sql ÷ mql`; nil without MQLs.
    public var mqlToSQL: Double?
    /// Nearest-rank median calendar seconds from MQL to SQL over the leads that reached SQL, as the funnel
    /// computes it (an SQL dated before the MQL counts as 0).
    public var medianMQLToSQLSeconds: Int64?
    public init(
        source: String, mql: Int, answered: Int, medianFirstResponseSeconds: Int64?, withinTarget: Double?, sql: Int,
        mqlToSQL: Double?, medianMQLToSQLSeconds: Int64?
    ) {
        self.source = source
        self.mql = mql
        self.answered = answered
        self.medianFirstResponseSeconds = medianFirstResponseSeconds
        self.withinTarget = withinTarget
        self.sql = sql
        self.mqlToSQL = mqlToSQL
        self.medianMQLToSQLSeconds = medianMQLToSQLSeconds
    }
}
