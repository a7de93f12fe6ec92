import BatonCore

/// One lead's history cut at "now" and arranged for the clock walks: its stage and owner at any instant, and
/// every event up to now in one time-ordered list. Built once per lead and shared by all its policies.
struct LeadTimeline {
    /// Something that happened to the lead, as the walks see it.
    enum Event: Equatable {
        /// A meeting ended (`end`, else its start); its touch is a separate `touch` event at its start. The index
        /// is the meeting's in `touches`.
        case meetingEnd(Int)
        /// An email, a logged touch or a meeting (at its start), and its index in `touches`.
        case touch(LeadHistory.Touch.Kind, Int)
        /// The lead entered a stage different from the one before.
        case stage(Stage)
        /// The owner changed from `previous` to `owner`.
        case owner(previous: String?, owner: String?)

        /// The order of events at one instant.
        var rank: Int {
            switch self {
            case .meetingEnd: 0
            case .touch: 1
            case .stage: 2
            case .owner: 3
            }
        }
    }

    let now: Int64
    /// Whether the walks keep evidence (`ClockEngine.explainedEpisodes`): the emails that found an episode open
    /// and changed nothing, and the pauses; evaluation alone (`episodes`) skips that work.
    let keepsEvidence: Bool
    /// The lead's touches as given: events name them by index, for the evidence.
    let touches: [LeadHistory.Touch]
    /// Every event at or before `now`, by time, then `Event.rank`, then the order given.
    let events: [(at: Int64, event: Event)]
    /// The stage before the first change.
    private let initialStage: Stage
    /// Real stage changes at or before `now`, in time order.
    private let stageChanges: [LeadHistory.StageChange]
    /// Owner entries at or before `now`, in time order; nil when the lead has none (then `fixedOwner` holds).
    private let ownerChanges: [LeadHistory.OwnerChange]?
    private let fixedOwner: String?
    /// Intervals `[from, until)` spent in each stage, as (from, stage); the first from is `Int64.min`.
    let stageRuns: [(from: Int64, stage: Stage)]

    /// When the lead first entered `mql` (an entry at or before now), or nil.
    let firstMQLEntry: Int64?
    /// When the lead was first given a non-nil owner (an entry at or before now), or nil.
    let firstAssignment: Int64?
    /// The first stage entry's time, even after now.
    let firstStageAt: Int64?
    /// The lead's CRM times and its owner now, as given.
    let createdAt: Int64?, mqlAt: Int64?, assignedAt: Int64?, currentOwner: String?

    init(_ lead: LeadHistory, now: Int64, keepsEvidence: Bool = true) {
        self.now = now
        self.keepsEvidence = keepsEvidence
        touches = lead.touches
        createdAt = lead.createdAt
        mqlAt = lead.mqlAt
        assignedAt = lead.assignedAt
        currentOwner = lead.owner
        initialStage = lead.stages.first?.stage ?? .new
        firstStageAt = lead.stages.first?.at

        var changes: [LeadHistory.StageChange] = []
        var runs: [(from: Int64, stage: Stage)] = [(Int64.min, initialStage)]
        var firstMQL: Int64?
        for entry in lead.stages where entry.at <= now {
            if entry.stage == .mql && firstMQL == nil { firstMQL = entry.at }
            guard entry.stage != runs[runs.count - 1].stage else { continue }
            changes.append(entry)
            runs.append((entry.at, entry.stage))
        }
        stageChanges = changes
        stageRuns = runs
        firstMQLEntry = firstMQL

        var events: [(at: Int64, event: Event)] = []
        events.reserveCapacity(lead.touches.count + changes.count + lead.owners.count)
        for (index, touch) in lead.touches.enumerated() where touch.at <= now {
            events.append((touch.at, .touch(touch.kind, index)))
            if touch.kind == .meeting, (touch.end ?? touch.at) <= now {
                events.append((touch.end ?? touch.at, .meetingEnd(index)))
            }
        }
        for change in changes { events.append((change.at, .stage(change.stage))) }

        if lead.owners.isEmpty {
            ownerChanges = nil
            fixedOwner = lead.owner
            firstAssignment = nil
        } else {
            let owners = lead.owners.filter { $0.at <= now }
            ownerChanges = owners
            fixedOwner = nil
            firstAssignment = owners.first { $0.owner != nil }?.at
            var previous: String?
            for entry in owners {
                events.append((entry.at, .owner(previous: previous, owner: entry.owner)))
                previous = entry.owner
            }
        }
        // The sort is not stable: the position breaks ties so that touches keep the order given.
        self.events = events.enumerated()
            .sorted { a, b in
                if a.element.at != b.element.at { return a.element.at < b.element.at }
                if a.element.event.rank != b.element.event.rank { return a.element.event.rank < b.element.event.rank }
                return a.offset < b.offset
            }
            .map(\.element)
    }

    /// The evidence an event gives.
    func cause(_ event: Event) -> ClockCause {
        switch event {
        case .meetingEnd(let index): .meetingEnd(touches[index])
        case .touch(_, let index): .touch(touches[index])
        case .stage(let stage): .stage(stage)
        case .owner(let previous, let owner): .owner(previous: previous, owner: owner)
        }
    }

    /// The lead's stage at `t`.
    func stage(at t: Int64) -> Stage {
        let index = Self.count(stageChanges, atOrBefore: t, at: \.at)
        return index == 0 ? initialStage : stageChanges[index - 1].stage
    }

    /// The lead's owner at `t`.
    func owner(at t: Int64) -> String? {
        guard let ownerChanges else { return fixedOwner }
        let index = Self.count(ownerChanges, atOrBefore: t, at: \.at)
        return index == 0 ? nil : ownerChanges[index - 1].owner
    }

    /// How many leading elements of `items` (sorted by `at`) are at or before `t`.
    static func count<T>(_ items: [T], atOrBefore t: Int64, at: (T) -> Int64) -> Int {
        var (low, high) = (0, items.count)
        while low < high {
            let middle = (low + high) / 2
            if at(items[middle]) <= t { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
