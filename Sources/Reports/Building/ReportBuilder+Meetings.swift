import BatonCore
import SLA
import Store

/// Meetings held and cancelled, and meetings before SQL.
extension ReportBuilder {
    /// Per grouping key (in order) then `all`.
    ///
    /// - `held` and `cancelled` count distinct meetings that start in the period. A meeting's key comes from
    ///   each lead taking part: `rep` is the interaction's rep, else the lead's owner; `team` that rep's team;
    ///   `source` the lead's; `week` the meeting's start week. Held: started at or before `now`, not cancelled,
    ///   and not declined by at least one of its leads under that key. Cancelled: status `cancelled`.
    /// - `perLeadBeforeSQL`: over the leads that reached SQL in the period (keyed by their owner, its team, their
    ///   source, or the week they reached SQL), held meetings with the lead that started before that instant,
    ///   divided by the number of those leads.
    func meetings(_ context: Context) throws -> [MeetingRow] {
        let byLead = Dictionary(leads.map { ($0.facts.leadID, $0) }, uniquingKeysWith: { a, _ in a })
        let participations = try store.reports.meetingParticipations()
        var held: [String: Set<Int64>] = [:]
        var cancelled: [String: Set<Int64>] = [:]
        for p in participations where inPeriod(p.startAt) {
            let lead = byLead[p.leadID]
            let rep = p.rep ?? lead?.facts.owner
            let key: String =
                switch grouping {
                case .rep: rep ?? Self.noKey
                case .team: team(of: rep, context)
                case .source: lead?.facts.source ?? Self.noKey
                case .week: context.weeks.label(p.startAt)
                }
            for k in [key, Self.allKey] {
                if p.status == .cancelled {
                    cancelled[k, default: []].insert(p.meetingID)
                } else if !p.declinedByLead {
                    held[k, default: []].insert(p.meetingID)
                }
            }
        }
        var beforeSQL: [String: (leads: Int, meetings: Int)] = [:]
        for lead in leads {
            guard let sqlAt = context.figures[lead.facts.leadID]?.reachedAt(.sql), inPeriod(sqlAt) else { continue }
            let key: String =
                switch grouping {
                case .rep: lead.facts.owner ?? Self.noKey
                case .team: team(of: lead.facts.owner, context)
                case .source: lead.facts.source ?? Self.noKey
                case .week: context.weeks.label(sqlAt)
                }
            let count = Set(
                participations.filter {
                    $0.leadID == lead.facts.leadID && $0.startAt < sqlAt && $0.status != .cancelled
                        && !$0.declinedByLead
                }.map(\.meetingID)
            ).count
            for k in [key, Self.allKey] {
                beforeSQL[k, default: (0, 0)].leads += 1
                beforeSQL[k, default: (0, 0)].meetings += count
            }
        }
        let keys = Set(held.keys).union(cancelled.keys).union(beforeSQL.keys).subtracting([Self.allKey]).sorted()
        return (keys + [Self.allKey]).map { key in
            let sql = beforeSQL[key] ?? (0, 0)
            return MeetingRow(
                key: key, held: held[key]?.count ?? 0, cancelled: cancelled[key]?.count ?? 0,
                perLeadBeforeSQL: sql.leads == 0 ? nil : Double(sql.meetings) / Double(sql.leads))
        }
    }
}
