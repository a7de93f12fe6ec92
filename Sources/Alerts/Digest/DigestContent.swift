import BatonCore
import Foundation

/// What one weekly digest says, handed to Alerts by the scan (which builds it from the week's report): the
/// figures the summary lists and the report's HTML page, which the digest embeds.
public struct DigestContent: Sendable {
    /// MQLs of one lead source and how many reached SQL.
    public struct Source: Sendable {
        public var source: String
        public var mql: Int
        public var sql: Int

        /// A source row.
        public init(source: String, mql: Int, sql: Int) {
            self.source = source
            self.mql = mql
            self.sql = sql
        }
    }

    /// One rep's (or team's) response times under one clock.
    public struct Responder: Sendable {
        public var clock: Config.Policy.Clock
        /// The rep's address, or the team.
        public var key: String
        public var answered: Int
        public var medianSeconds: Int64?
        public var withinTarget: Double?

        /// A responder row.
        public init(
            clock: Config.Policy.Clock, key: String, answered: Int, medianSeconds: Int64?, withinTarget: Double?
        ) {
            self.clock = clock
            self.key = key
            self.answered = answered
            self.medianSeconds = medianSeconds
            self.withinTarget = withinTarget
        }
    }

    /// A clock still breached at the end of the week.
    public struct Breach: Sendable {
        public var lead: String
        public var policy: String
        public var owner: String?
        public var lateSeconds: Int64

        /// A breach row.
        public init(lead: String, policy: String, owner: String?, lateSeconds: Int64) {
            self.lead = lead
            self.policy = policy
            self.owner = owner
            self.lateSeconds = lateSeconds
        }
    }

    /// The ISO week's label (`2026-W47`).
    public var weekLabel: String
    /// The week's first instant (Monday midnight in `zone`).
    public var weekStart: Int64
    /// The next week's first instant.
    public var weekEnd: Int64
    /// The configuration's zone.
    public var zone: TimeZone
    /// MQLs by source (the `all` row included: the document leaves it out).
    public var funnel: [Source]
    /// Response times by rep and clock.
    public var response: [Responder]
    /// Breaches still open.
    public var openBreaches: [Breach]
    /// Sources that have had no new mail for a while.
    public var silentSources: [String]
    /// Drop-folder files in quarantine.
    public var quarantined: Int
    /// Leads handed off with no captured touch.
    public var leadsWithoutTouch: Int
    /// The week's report as an HTML page (with its charts).
    public var reportHTML: String
    /// Deals won in the week, oldest first (`DigestContent+Wins.swift`).
    public var wins: [Win]
    /// Progress against `reports.targets`; empty without targets.
    public var targets: [Target]

    /// The content of one week's digest.
    public init(
        weekLabel: String, weekStart: Int64, weekEnd: Int64, zone: TimeZone, funnel: [Source], response: [Responder],
        openBreaches: [Breach], silentSources: [String], quarantined: Int, leadsWithoutTouch: Int, reportHTML: String,
        wins: [Win] = [], targets: [Target] = []
    ) {
        self.weekLabel = weekLabel
        self.weekStart = weekStart
        self.weekEnd = weekEnd
        self.zone = zone
        self.funnel = funnel
        self.response = response
        self.openBreaches = openBreaches
        self.silentSources = silentSources
        self.quarantined = quarantined
        self.leadsWithoutTouch = leadsWithoutTouch
        self.reportHTML = reportHTML
        self.wins = wins
        self.targets = targets
    }
}
