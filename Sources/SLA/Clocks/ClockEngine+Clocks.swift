import BatonCore

/// The five clocks: where each starts and what stops it. Every walk reads the lead's events once, in time order.
extension ClockEngine {
    /// `first_response`: from the lead's MQL time (`start: mql`: `mqlAt`, else its first entry into `mql`) or its
    /// assignment (`assignedAt`, else its first owner entry with an owner, else `createdAt` when it has an owner)
    /// to the first outbound email, logged touch or held meeting at or after that start.
    ///
    /// A lead not covered at the start gets its episode when it enters the policy's stages, if no touch came
    /// first; one that leaves them and comes back before the touch gets a new episode. Handing the lead from one
    /// owner to another before the touch cancels the episode (`reassigned`) and starts the next at that instant.
    /// After the first touch there are no more episodes.
    static func firstResponseSpans(
        _ policy: Config.Policy, _ coverage: Coverage, _ timeline: LeadTimeline
    ) -> [EpisodeSpan] {
        guard let (start, cause) = firstResponseStart(policy, timeline), start <= timeline.now else { return [] }
        var walk = EpisodeWalk(notesWaiting: timeline.keepsEvidence)
        if coverage.canStart(timeline.stage(at: start)) { walk.open(at: start, cause) }
        for (at, event) in timeline.events where at >= start {
            switch event {
            case .touch(let kind, _) where kind.stopsFirstResponse:
                // A touch in the very second the lead became covered answers that episode: the stage change, ranked
                // after touches at one instant, is what started it.
                if coverage.canStart(timeline.stage(at: at)) { walk.open(at: at, .stage(timeline.stage(at: at))) }
                walk.stop(at: at, .touch, timeline.cause(event))
                return walk.spans
            case .stage(let stage):
                walk.enter(stage, at: at, coverage, reopening: true)
            case .owner(let previous?, let owner?) where previous != owner:
                guard let openStart = walk.openStart, openStart < at else { break }
                walk.stop(at: at, .reassigned, timeline.cause(event))
                if coverage.canStart(timeline.stage(at: at)) { walk.open(at: at, timeline.cause(event)) }
            default:
                break
            }
        }
        return walk.spans
    }

    /// The nominal start of a first-response clock, before coverage is considered, and what it is.
    static func firstResponseStart(_ policy: Config.Policy, _ timeline: LeadTimeline) -> (Int64, ClockCause)? {
        if policy.start == .mql {
            if let mql = timeline.mqlAt { return (mql, .mql) }
            return timeline.firstMQLEntry.map { ($0, .stage(.mql)) }
        }
        if let assigned = timeline.assignedAt { return (assigned, .assigned) }
        if let first = timeline.firstAssignment {
            return (first, .owner(previous: nil, owner: timeline.owner(at: first)))
        }
        guard timeline.currentOwner != nil, let created = timeline.createdAt else { return nil }
        return (created, .created)
    }

    /// `reply`: an inbound email while no episode is open and the lead is covered and not paused opens one (the
    /// oldest unanswered email sets its start); the next outbound email or logged touch stops it. Meetings do
    /// not answer email.
    static func replySpans(_ coverage: Coverage, _ timeline: LeadTimeline) -> [EpisodeSpan] {
        var walk = EpisodeWalk(notesWaiting: timeline.keepsEvidence)
        for (at, event) in timeline.events {
            switch event {
            case .touch(.inboundEmail, _):
                // An email while one waits for an answer keeps the older start: it is only noted as evidence.
                if walk.isOpen {
                    walk.wait(at: at, timeline.cause(event))
                } else if coverage.isActive(timeline.stage(at: at)) {
                    walk.open(at: at, timeline.cause(event))
                }
            case .touch(.outboundEmail, _), .touch(.manual, _):
                walk.stop(at: at, .touch, timeline.cause(event))
            case .stage(let stage):
                walk.enter(stage, at: at, coverage, reopening: false)
            default:
                break
            }
        }
        return walk.spans
    }

    /// `meeting_follow_up`: a held meeting's end (its start when it has none) opens an episode when none is open
    /// and the lead is covered; the next outbound email or logged touch stops it.
    static func meetingFollowUpSpans(_ coverage: Coverage, _ timeline: LeadTimeline) -> [EpisodeSpan] {
        var walk = EpisodeWalk(notesWaiting: timeline.keepsEvidence)
        for (at, event) in timeline.events {
            switch event {
            case .meetingEnd:
                if coverage.canStart(timeline.stage(at: at)) { walk.open(at: at, timeline.cause(event)) }
            case .touch(.outboundEmail, _), .touch(.manual, _):
                walk.stop(at: at, .touch, timeline.cause(event))
            case .stage(let stage):
                walk.enter(stage, at: at, coverage, reopening: false)
            default:
                break
            }
        }
        return walk.spans
    }

    /// `acceptance`: from `mqlAt` (else the first entry into `mql`) to the first stage change to a stage that is
    /// neither `mql` nor a pause stage (`stage`: met or met late, never cancelled). Touches do not matter. A lead
    /// that comes back to `mql` afterwards starts a new episode.
    static func acceptanceSpans(_ coverage: Coverage, _ timeline: LeadTimeline) -> [EpisodeSpan] {
        guard let start = timeline.mqlAt ?? timeline.firstMQLEntry, start <= timeline.now else { return [] }
        var walk = EpisodeWalk(notesWaiting: timeline.keepsEvidence)
        if coverage.canStart(timeline.stage(at: start)) {
            walk.open(at: start, timeline.mqlAt == nil ? .stage(.mql) : .mql)
        }
        for (at, event) in timeline.events where at >= start {
            guard case .stage(let stage) = event else { continue }
            if walk.isOpen {
                if stage != .mql && !coverage.pausing.contains(stage) { walk.stop(at: at, .stage, .stage(stage)) }
            } else if stage == .mql && coverage.canStart(stage) {
                walk.open(at: at, .stage(stage))
            }
        }
        return walk.spans
    }

    /// `no_touch`: while the lead is covered, an episode runs from the start of coverage, and from every touch
    /// (outbound email, logged touch, held meeting) to the next one, which stops it (`touch`) and starts the next.
    ///
    /// Coverage begins when the lead was created (the first stage entry applies before its own date, as everywhere
    /// in the engine: an import records the stage a lead already had), else at that first entry. A touch in the
    /// second an episode started changes nothing.
    static func noTouchSpans(_ coverage: Coverage, _ timeline: LeadTimeline) -> [EpisodeSpan] {
        let begins: Int64? = timeline.createdAt ?? timeline.firstStageAt
        guard let begins, begins <= timeline.now else { return [] }
        var walk = EpisodeWalk(notesWaiting: timeline.keepsEvidence)
        if coverage.canStart(timeline.stage(at: begins)) {
            walk.open(at: begins, timeline.createdAt == nil ? .stage(timeline.stage(at: begins)) : .created)
        }
        for (at, event) in timeline.events where at >= begins {
            switch event {
            case .touch(let kind, _) where kind.stopsFirstResponse:
                if let openStart = walk.openStart {
                    if openStart == at { break }
                    walk.stop(at: at, .touch, timeline.cause(event))
                }
                if coverage.canStart(timeline.stage(at: at)) { walk.open(at: at, timeline.cause(event)) }
            case .stage(let stage):
                walk.enter(stage, at: at, coverage, reopening: true)
            default:
                break
            }
        }
        return walk.spans
    }
}

extension LeadHistory.Touch.Kind {
    /// An outbound email, a logged touch or a held meeting: what the rep did, as first-response and no-touch
    /// clocks count it.
    var stopsFirstResponse: Bool { self != .inboundEmail }
}
