/// Lead-quality feedback: what sales made of the period's MQLs, by source and by reason, and whether the leads it
/// rejected had been answered at all. The cohort is the funnel's: the leads that became MQL in the period; every
/// verdict and reason is read as of `now`, so a report replays any moment.
public struct LeadQuality: Sendable, Equatable {
    /// Per source (in order), then `all`: MQLs, rejected and sent to nurture.
    public var sources: [QualitySourceRow]
    /// Per source (in order, then `all`) and verdict (`rejected`, then `nurture`): the reasons, most leads first.
    public var reasons: [QualityReasonRow]
    /// Per verdict (`rejected`, `nurture`, `accepted`): how many of those leads had their first response.
    public var firstResponse: [QualityResponseRow]

    public init(
        sources: [QualitySourceRow] = [], reasons: [QualityReasonRow] = [], firstResponse: [QualityResponseRow] = []
    ) {
        self.sources = sources
        self.reasons = reasons
        self.firstResponse = firstResponse
    }
}

/// What sales made of a lead, as of `now`: the lead-quality section's groups.
public enum QualityVerdict: String, Sendable, Equatable, CaseIterable {
    /// The lead's stage at `now` is `rejected`.
    case rejected
    /// The lead's stage at `now` is `nurture` (sent back to marketing).
    case nurture
    /// Neither, and the lead reached `accepted` or a later funnel stage by `now` (a lead accepted and rejected later
    /// is `rejected`: the groups never overlap).
    case accepted
}

/// The MQLs of the period from one source (`all` for the total), and how many sales rejected or sent to nurture.
public struct QualitySourceRow: Sendable, Equatable {
    public var source: String
    /// Leads of the source that became MQL in the period.
    public var mql: Int
    /// Of those, the leads whose stage at `now` is `rejected`.
    public var rejected: Int
    /// `rejected ÷ mql`; nil without MQLs.
    public var rejectedShare: Double?
    /// Of those, the leads whose stage at `now` is `nurture`.
    public var nurture: Int
    /// `nurture ÷ mql`; nil without MQLs.
    public var nurtureShare: Double?
    public init(
        source: String, mql: Int, rejected: Int, rejectedShare: Double?, nurture: Int, nurtureShare: Double?
    ) {
        self.source = source
        self.mql = mql
        self.rejected = rejected
        self.rejectedShare = rejectedShare
        self.nurture = nurture
        self.nurtureShare = nurtureShare
    }
}

/// One reason sales gave for rejecting (or nurturing) leads of one source (`all` for every source).
public struct QualityReasonRow: Sendable, Equatable {
    public var source: String
    /// `rejected` or `nurture`.
    public var verdict: QualityVerdict
    /// The reason as of `now`, as first spelt (in lead-id order) among the leads it groups, its spaces trimmed and
    /// collapsed; `(no reason)` for leads without one.
    public var reason: String
    /// The source's leads with that verdict and reason.
    public var leads: Int
    /// `leads ÷` the source's MQLs of the period.
    public var share: Double?
    public init(source: String, verdict: QualityVerdict, reason: String, leads: Int, share: Double?) {
        self.source = source
        self.verdict = verdict
        self.reason = reason
        self.leads = leads
        self.share = share
    }
}

/// Whether the leads of one verdict had been answered: did sales reject the leads it never answered?
public struct QualityResponseRow: Sendable, Equatable {
    public var verdict: QualityVerdict
    /// The period's MQLs with that verdict.
    public var leads: Int
    /// Of those, the leads whose first first-response episode (earliest start) was met or met late by `now`.
    public var answered: Int
    /// `leads − answered`: no first-response episode, or not answered by `now`.
    public var neverAnswered: Int
    /// `answered ÷ leads`; nil without leads.
    public var answeredShare: Double?
    /// Nearest-rank median of the answered ones' first-response time (the episode's elapsed seconds, in the
    /// policy's time: business seconds for a business policy); nil when none was answered.
    public var medianFirstResponseSeconds: Int64?
    public init(
        verdict: QualityVerdict, leads: Int, answered: Int, neverAnswered: Int, answeredShare: Double?,
        medianFirstResponseSeconds: Int64?
    ) {
        self.verdict = verdict
        self.leads = leads
        self.answered = answered
        self.neverAnswered = neverAnswered
        self.answeredShare = answeredShare
        self.medianFirstResponseSeconds = medianFirstResponseSeconds
    }
}
