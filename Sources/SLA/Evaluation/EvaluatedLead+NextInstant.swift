import BatonCore

extension EvaluatedLead {
    /// Its episodes counted by state (states with none left out).
    public var stateCounts: [ClockState: Int] {
        var counts: [ClockState: Int] = [:]
        for episode in episodes { counts[episode.state, default: 0] += 1 }
        return counts
    }

    /// The first moment after `now` at which this lead's clocks, evaluated at `now`, would come out differently
    /// with no new history; nil when none will. Between `now` and that moment, an evaluation gives the same
    /// episodes, states and notifications, so a scan may keep the stored state instead (ARCHITECTURE.md,
    /// "Incremental clocks").
    ///
    /// Those moments: an open, unpaused episode's warning, due and escalation times (its state and the
    /// notifications it calls for change there); any entry of the history dated after `now` (a meeting not yet
    /// held, a touch or stage change written ahead: the engine ignores it until then); and, with a retention of
    /// `retention` seconds, one second after an episode's start plus the retention, when the horizon passes it
    /// and the episode is dropped. A paused episode changes only with a stage change, which is history. Business
    /// time needs nothing more: due, warning and escalation times are already in it.
    public func nextInstant(after now: Int64, retention: Int64?) -> Int64? {
        var next: Int64?
        func consider(_ time: Int64?) {
            guard let time, time > now else { return }
            if next == nil || time < next! { next = time }
        }
        for episode in episodes {
            if !episode.state.isStopped && episode.state != .paused {
                consider(episode.warnAt)
                consider(episode.dueAt)
                for escalation in episode.escalationsAt { consider(escalation) }
            }
            if let retention { consider(episode.startedAt + retention + 1) }
        }
        consider(history.createdAt)
        consider(history.mqlAt)
        consider(history.assignedAt)
        for change in history.stages { consider(change.at) }
        for change in history.owners { consider(change.at) }
        for touch in history.touches {
            consider(touch.at)
            consider(touch.end)
        }
        return next
    }
}
