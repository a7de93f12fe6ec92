import BatonCore

/// What `baton report` computes over one period: every figure of every section, as plain values that the text,
/// JSON, CSV and HTML renderers print and the weekly digest reuses. Times are epoch seconds (UTC); durations are
/// whole seconds in the policy's time (business seconds for business policies).
public struct Report: Sendable, Equatable {
    /// `--since` (inclusive) to `--until` (exclusive), and the `--now` clocks were evaluated at.
    public var period: ReportPeriod
    /// `--by`: the dimension of the response and attainment sections.
    public var grouping: ReportGrouping
    /// Leads handed to sales in the period (assigned, else became MQL), per source and ISO week.
    public var handoff: [HandoffRow]
    /// First-response and reply times per `grouping` key.
    public var response: [ResponseRow]
    /// First-response times of the period in buckets `<1h`, `1-4h`, `4-24h`, `>24h` (business time), for the
    /// histogram.
    public var responseHistogram: [BucketCount]
    /// Per policy (and `grouping` key): episodes by state.
    public var attainment: [AttainmentRow]
    /// Breached clocks still open at `now`, oldest first.
    public var openBreaches: [OpenBreach]
    /// MQL → accepted → SQL → opportunity → won per source.
    public var funnel: [FunnelRow]
    /// MQL → SQL conversion by first-response bucket and by breached or not.
    public var outcome: [OutcomeRow]
    /// Lead-quality feedback on the period's MQLs: rejected and nurtured by source and reason, and whether they
    /// had been answered.
    public var quality: LeadQuality
    /// First-response and MQL → SQL speed of the period's MQLs per source, side by side.
    public var speed: [SpeedRow]
    /// Meetings per `grouping` key.
    public var meetings: [MeetingRow]
    /// One row per ISO week of the period: the trend.
    public var weekly: [WeekRow]
    /// Whether mail is being captured at all.
    public var capture: CaptureHealth
    /// Pipeline and revenue of the period's MQLs: by source, then by `grouping` when it is not `source`.
    public var pipeline: [PipelineRow]
    /// Spend, cost per MQL, SQL and won deal, and return, per source and calendar month.
    public var cost: [CostRow]
    /// Deals won in the period, the period's won revenue and progress against `reports.targets`.
    public var sharedWins: SharedWins

    public init(
        period: ReportPeriod, grouping: ReportGrouping, handoff: [HandoffRow] = [], response: [ResponseRow] = [],
        responseHistogram: [BucketCount] = [], attainment: [AttainmentRow] = [], openBreaches: [OpenBreach] = [],
        funnel: [FunnelRow] = [], outcome: [OutcomeRow] = [], meetings: [MeetingRow] = [], weekly: [WeekRow] = [],
        capture: CaptureHealth = CaptureHealth(), pipeline: [PipelineRow] = [], cost: [CostRow] = [],
        quality: LeadQuality = LeadQuality(), speed: [SpeedRow] = [], sharedWins: SharedWins = SharedWins()
    ) {
        self.period = period
        self.grouping = grouping
        self.handoff = handoff
        self.response = response
        self.responseHistogram = responseHistogram
        self.attainment = attainment
        self.openBreaches = openBreaches
        self.funnel = funnel
        self.outcome = outcome
        self.quality = quality
        self.speed = speed
        self.meetings = meetings
        self.weekly = weekly
        self.capture = capture
        self.pipeline = pipeline
        self.cost = cost
        self.sharedWins = sharedWins
    }
}

/// `--by`.
public enum ReportGrouping: String, Sendable, Equatable, CaseIterable {
    case rep, team, source, week
}

/// The period a report covers.
public struct ReportPeriod: Sendable, Equatable {
    public var since: Int64
    public var until: Int64
    public var now: Int64
    /// The configuration's zone: weeks and dates are read in it.
    public var timezone: String
    public init(since: Int64, until: Int64, now: Int64, timezone: String) {
        self.since = since
        self.until = until
        self.now = now
        self.timezone = timezone
    }
}

/// Leads handed to sales from one source in one ISO week (`2026-W47`).
public struct HandoffRow: Sendable, Equatable {
    public var source: String
    public var week: String
    public var leads: Int
    public init(source: String, week: String, leads: Int) {
        self.source = source
        self.week = week
        self.leads = leads
    }
}

/// Response times of one clock type (`first_response` or `reply`) for one key of the grouping.
public struct ResponseRow: Sendable, Equatable {
    /// `first_response` or `reply`.
    public var clock: Config.Policy.Clock
    /// The grouping key: a rep's address, a team, a source or a week; `(none)` when unknown.
    public var key: String
    /// Episodes that started in the period.
    public var episodes: Int
    /// Of those, stopped by a touch (met or met late): the ones with a response time.
    public var answered: Int
    /// Nearest-rank median and 90th percentile of the answered ones' elapsed time; nil when none.
    public var medianSeconds: Int64?
    public var p90Seconds: Int64?
    /// Met ÷ (met + met late + breached + cancelled after the due time); nil when the denominator is 0.
    public var withinTarget: Double?
    public init(
        clock: Config.Policy.Clock, key: String, episodes: Int, answered: Int, medianSeconds: Int64?,
        p90Seconds: Int64?,
        withinTarget: Double?
    ) {
        self.clock = clock
        self.key = key
        self.episodes = episodes
        self.answered = answered
        self.medianSeconds = medianSeconds
        self.p90Seconds = p90Seconds
        self.withinTarget = withinTarget
    }
}

/// A labelled count (histogram buckets).
public struct BucketCount: Sendable, Equatable {
    public var label: String
    public var count: Int
    public init(label: String, count: Int) {
        self.label = label
        self.count = count
    }
}

/// One policy's episodes (started in the period) by state at `now`, for one grouping key (`all` for the total).
public struct AttainmentRow: Sendable, Equatable {
    public var policy: String
    public var key: String
    public var met: Int
    public var metLate: Int
    /// Still open and past due.
    public var breached: Int
    public var running: Int
    public var warning: Int
    public var paused: Int
    public var cancelled: Int
    /// Met ÷ (met + met late + breached + cancelled after the due time); nil when the denominator is 0.
    public var withinTarget: Double?
    public init(
        policy: String, key: String, met: Int = 0, metLate: Int = 0, breached: Int = 0, running: Int = 0,
        warning: Int = 0, paused: Int = 0, cancelled: Int = 0, withinTarget: Double? = nil
    ) {
        self.policy = policy
        self.key = key
        self.met = met
        self.metLate = metLate
        self.breached = breached
        self.running = running
        self.warning = warning
        self.paused = paused
        self.cancelled = cancelled
        self.withinTarget = withinTarget
    }
}

/// A breached clock still open at `now`.
public struct OpenBreach: Sendable, Equatable {
    /// The lead's first address.
    public var lead: String
    public var policy: String
    public var owner: String?
    public var dueAt: Int64
    /// How late at `now`, in the policy's time.
    public var lateSeconds: Int64
    public init(lead: String, policy: String, owner: String?, dueAt: Int64, lateSeconds: Int64) {
        self.lead = lead
        self.policy = policy
        self.owner = owner
        self.dueAt = dueAt
        self.lateSeconds = lateSeconds
    }
}

/// The funnel of the leads of one source that became MQL in the period (`all` for the total): how many reached
/// each stage (at any time up to `now`), conversion from MQL, and the median time between stages.
public struct FunnelRow: Sendable, Equatable {
    public var source: String
    public var mql: Int
    public var accepted: Int
    public var sql: Int
    public var opportunity: Int
    public var won: Int
    /// Share of the MQLs that reached SQL; nil without MQLs.
    public var mqlToSQL: Double?
    /// Share of the MQLs that were won; nil without MQLs.
    public var mqlToWon: Double?
    /// Nearest-rank median seconds (calendar time) from MQL to SQL, over leads that reached SQL.
    public var medianMQLToSQLSeconds: Int64?
    /// Nearest-rank median seconds from SQL to won.
    public var medianSQLToWonSeconds: Int64?
    public init(
        source: String, mql: Int, accepted: Int, sql: Int, opportunity: Int, won: Int, mqlToSQL: Double?,
        mqlToWon: Double?, medianMQLToSQLSeconds: Int64?, medianSQLToWonSeconds: Int64?
    ) {
        self.source = source
        self.mql = mql
        self.accepted = accepted
        self.sql = sql
        self.opportunity = opportunity
        self.won = won
        self.mqlToSQL = mqlToSQL
        self.mqlToWon = mqlToWon
        self.medianMQLToSQLSeconds = medianMQLToSQLSeconds
        self.medianSQLToWonSeconds = medianSQLToWonSeconds
    }
}

/// MQL → SQL conversion of the period's MQLs for one bucket of a split.
public struct OutcomeRow: Sendable, Equatable {
    /// `first_response` (buckets `<1h`, `1-4h`, `4-24h`, `>24h`, `never`) or `breached` (`yes`, `no`).
    public var split: String
    public var bucket: String
    public var leads: Int
    public var sql: Int
    /// `sql ÷ leads`; nil without leads.
    public var rate: Double?
    public init(split: String, bucket: String, leads: Int, sql: Int, rate: Double?) {
        self.split = split
        self.bucket = bucket
        self.leads = leads
        self.sql = sql
        self.rate = rate
    }
}

/// Meetings in the period for one grouping key.
public struct MeetingRow: Sendable, Equatable {
    public var key: String
    /// Took place (start before `now`, not cancelled, not declined by the lead).
    public var held: Int
    public var cancelled: Int
    /// Held meetings before the lead reached SQL, per lead that reached SQL in the period; nil when none did.
    public var perLeadBeforeSQL: Double?
    public init(key: String, held: Int, cancelled: Int, perLeadBeforeSQL: Double?) {
        self.key = key
        self.held = held
        self.cancelled = cancelled
        self.perLeadBeforeSQL = perLeadBeforeSQL
    }
}

/// One ISO week of the period.
public struct WeekRow: Sendable, Equatable {
    /// `2026-W47`.
    public var week: String
    public var handedOff: Int
    /// First-response episodes that started that week, and how many were met in time.
    public var firstResponses: Int
    public var withinTarget: Double?
    /// Leads that reached SQL that week.
    public var sql: Int
    public init(week: String, handedOff: Int, firstResponses: Int, withinTarget: Double?, sql: Int) {
        self.week = week
        self.handedOff = handedOff
        self.firstResponses = firstResponses
        self.withinTarget = withinTarget
        self.sql = sql
    }
}

/// Capture health: the silent failures (a mailbox nobody scans any more, mail that matches nobody).
public struct CaptureHealth: Sendable, Equatable {
    public var sources: [CaptureSource]
    /// External domains of messages scanned in the period that matched no lead, most messages first (top 10).
    public var unmatchedDomains: [BucketCount]
    /// Leads handed off in the period with no captured outbound touch (email, meeting or logged touch) by `now`.
    public var leadsWithoutTouch: [String]
    /// Drop-folder files in quarantine.
    public var quarantined: Int
    /// The silence threshold (`--silent-days`): a source with no message newer than this many days before `now`
    /// is silent.
    public var silentDays: Int
    public init(
        sources: [CaptureSource] = [], unmatchedDomains: [BucketCount] = [], leadsWithoutTouch: [String] = [],
        quarantined: Int = 0, silentDays: Int = 7
    ) {
        self.sources = sources
        self.unmatchedDomains = unmatchedDomains
        self.leadsWithoutTouch = leadsWithoutTouch
        self.quarantined = quarantined
        self.silentDays = silentDays
    }
}

/// One configured source's capture figures.
public struct CaptureSource: Sendable, Equatable {
    public var path: String
    public var type: String
    /// Messages first seen in this source in the period.
    public var scanned: Int
    /// Of those, matched to a lead.
    public var matched: Int
    /// `matched ÷ scanned`; nil when nothing was scanned.
    public var matchedShare: Double?
    /// The newest message seen there (its date), ever; nil when none.
    public var lastMessageAt: Int64?
    /// No message newer than the silence threshold before `now`.
    public var silent: Bool
    public init(
        path: String, type: String, scanned: Int, matched: Int, matchedShare: Double?, lastMessageAt: Int64?,
        silent: Bool
    ) {
        self.path = path
        self.type = type
        self.scanned = scanned
        self.matched = matched
        self.matchedShare = matchedShare
        self.lastMessageAt = lastMessageAt
        self.silent = silent
    }
}
