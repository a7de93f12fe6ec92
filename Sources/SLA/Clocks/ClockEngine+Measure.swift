import BatonCore
import Foundation

/// Turns an episode's extent into its due and warning times, state and durations under one policy.
///
/// - Due: the target added to the start in the policy's time; warning: the `warn_at` fraction of the target.
/// - Pauses: the stretches of `[start, stop or now)` the lead spent in a pause stage, in time order. A pause that
///   begins before the current due time pushes it back by the pause's length in the policy's time (a pause still
///   going on counts up to now); one that begins after the due time leaves it. The warning time moves the same
///   way, judged against itself.
/// - Escalations: each rung's `after` added to the due time.
/// - State: a stopped episode is `met` when it stopped at or before the due time, else `met_late`, or
///   `cancelled`; an open one is `paused` while the lead is in a pause stage, else `breached` from the due time,
///   `warning` from the warning time, else `running`.
/// - Elapsed: start to stop (or now) in the policy's time, minus the paused time measured the same way. Late:
///   due time to stop (or now), never negative; 0 for cancelled and paused episodes.
struct EpisodeMeasure {
    let policy: Config.Policy
    let coverage: Coverage
    let calendar: BusinessCalendar
    let timeline: LeadTimeline
    let now: Int64
    /// The stretches `[from, until)` the lead spent in one of the policy's pause stages, adjacent ones merged,
    /// with the stage that began each.
    let pauses: [(from: Int64, until: Int64, stage: Stage)]

    init(policy: Config.Policy, coverage: Coverage, calendar: BusinessCalendar, timeline: LeadTimeline, now: Int64) {
        self.policy = policy
        self.coverage = coverage
        self.calendar = calendar
        self.timeline = timeline
        self.now = now
        var pauses: [(from: Int64, until: Int64, stage: Stage)] = []
        let runs = timeline.stageRuns
        for (index, run) in runs.enumerated() where coverage.pausing.contains(run.stage) {
            let until = index + 1 < runs.count ? runs[index + 1].from : Int64.max
            if let last = pauses.last, last.until == run.from {
                pauses[pauses.count - 1].until = until
            } else {
                pauses.append((run.from, until, run.stage))
            }
        }
        self.pauses = pauses
    }

    /// The episode numbered `number` of this policy for lead `leadID`, and its pauses as evidence.
    func episode(_ span: EpisodeSpan, number: Int, leadID: Int64) throws -> (ClockEpisode, [ClockPause]) {
        let basis = policy.time
        let start = span.start
        let end = span.stop ?? now
        var due = try calendar.add(policy.target, to: start, basis: basis)
        var warn = try calendar.instant(atFraction: policy.warnAt, of: policy.target, from: start, basis: basis)
        var paused: Int64 = 0
        var evidence: [ClockPause] = []
        // Pauses are in time order: skip those over before the start, stop at the first after the end.
        var index = LeadTimeline.count(pauses, atOrBefore: span.start, at: \.until)
        while index < pauses.count, pauses[index].from < end {
            let from = max(pauses[index].from, span.start)
            let until = min(pauses[index].until, end)
            index += 1
            guard from < until else { continue }
            if timeline.keepsEvidence {
                evidence.append(
                    ClockPause(
                        from: from, until: span.stop == nil && pauses[index - 1].until > now ? nil : until,
                        stage: pauses[index - 1].stage))
            }
            if from < due {
                due = try calendar.pushingBack(due, pausedFrom: from, until: until, basis: basis)
            }
            if from < warn {
                warn = try calendar.pushingBack(warn, pausedFrom: from, until: until, basis: basis)
            }
            paused += calendar.elapsedSeconds(from: from, to: until, basis: basis)
        }
        let dueAt = due

        let state: ClockState
        switch span.reason {
        case .leftStages?, .reassigned?: state = .cancelled
        case .touch?, .stage?: state = end <= dueAt ? .met : .metLate
        case nil:
            if coverage.pausing.contains(timeline.stage(at: now)) {
                state = .paused
            } else if now >= dueAt {
                state = .breached
            } else if now >= warn {
                state = .warning
            } else {
                state = .running
            }
        }
        // Elapsed time is additive: with the due time inside the episode, count start to due and due to end once
        // each rather than walking the whole episode twice (an open episode may be months old).
        let pastDue: Int64
        let total: Int64
        if dueAt <= end {
            pastDue = calendar.elapsedSeconds(from: due, to: end, basis: basis)
            total = calendar.elapsedSeconds(from: start, to: due, basis: basis) + pastDue
        } else {
            pastDue = 0
            total = calendar.elapsedSeconds(from: start, to: end, basis: basis)
        }
        let late = state == .cancelled || state == .paused ? 0 : pastDue
        var escalations: [Int64] = []
        escalations.reserveCapacity(policy.escalate.count)
        for rung in policy.escalate {
            escalations.append(try calendar.add(rung.after, to: due, basis: basis))
        }
        let episode = ClockEpisode(
            leadID: leadID, policy: policy.name, clock: policy.clock, episode: number, state: state,
            startedAt: span.start, dueAt: dueAt, warnAt: warn, escalationsAt: escalations,
            stoppedAt: span.stop, stopReason: span.reason?.rawValue,
            elapsedSeconds: total - paused,
            lateSeconds: late, pausedSeconds: paused, owner: timeline.owner(at: span.start))
        return (episode, evidence)
    }
}
