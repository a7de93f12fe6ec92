import BatonCore

/// Everything the clock engine reads about one lead: its CRM facts and its interactions, as plain values in
/// epoch seconds (UTC). The store turns its rows into this; the engine never reads the store.
public struct LeadHistory: Sendable, Equatable {
    /// The lead's row id.
    public var leadID: Int64
    /// The lead's source (channel), as imported.
    public var source: String?
    /// The team whose hours apply: the owner's team, else `default_team`.
    public var team: String
    /// The owner now (a rep's address), or nil.
    public var owner: String?
    public var createdAt: Int64?
    public var mqlAt: Int64?
    public var assignedAt: Int64?
    /// Stage changes in time order; each entry is the stage from `at` on. Before the first entry the lead is
    /// taken to have had the first entry's stage.
    public var stages: [StageChange]
    /// Owner changes in time order; each entry is the owner from `at` on (nil: unassigned).
    public var owners: [OwnerChange]
    /// The lead's interactions that can start or stop a clock, in time order.
    public var touches: [Touch]

    public init(
        leadID: Int64, source: String? = nil, team: String, owner: String? = nil, createdAt: Int64? = nil,
        mqlAt: Int64? = nil, assignedAt: Int64? = nil, stages: [StageChange], owners: [OwnerChange] = [],
        touches: [Touch] = []
    ) {
        self.leadID = leadID
        self.source = source
        self.team = team
        self.owner = owner
        self.createdAt = createdAt
        self.mqlAt = mqlAt
        self.assignedAt = assignedAt
        self.stages = stages
        self.owners = owners
        self.touches = touches
    }

    /// The lead entered `stage` at `at`.
    public struct StageChange: Sendable, Equatable {
        public var at: Int64
        public var stage: Stage
        public init(at: Int64, stage: Stage) {
            self.at = at
            self.stage = stage
        }
    }

    /// The lead's owner became `owner` (nil: unassigned) at `at`.
    public struct OwnerChange: Sendable, Equatable {
        public var at: Int64
        public var owner: String?
        public init(at: Int64, owner: String?) {
            self.at = at
            self.owner = owner
        }
    }

    /// One interaction that matters to clocks. Auto-replies, bounces and bulk mail never reach the engine;
    /// cancelled meetings and meetings the lead declined do not either.
    public struct Touch: Sendable, Equatable {
        /// What kind of touch.
        public enum Kind: String, Sendable, Equatable {
            /// An email from the lead (kind `message`).
            case inboundEmail = "inbound_email"
            /// An email from a rep to the lead (kind `message`).
            case outboundEmail = "outbound_email"
            /// A touch logged with `baton lead touch` (a call): counts like an outbound email.
            case manual
            /// A meeting with the lead from `at` to `end`; it has taken place once `at` is not after "now".
            case meeting
        }
        public var kind: Kind
        /// When it happened (a meeting's start).
        public var at: Int64
        /// A meeting's end; nil for the others.
        public var end: Int64?
        /// The rep concerned, when known.
        public var rep: String?
        /// The store's interaction row it was made from, when it came from the store: what tells two touches of
        /// the same kind, second and rep apart in the evidence `explain` reads.
        public var interactionID: Int64?

        public init(kind: Kind, at: Int64, end: Int64? = nil, rep: String? = nil, interactionID: Int64? = nil) {
            self.kind = kind
            self.at = at
            self.end = end
            self.rep = rep
            self.interactionID = interactionID
        }
    }
}
