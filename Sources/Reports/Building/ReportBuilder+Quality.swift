import BatonCore
import Foundation
import SLA
import Store

/// Lead-quality feedback: what sales made of the period's MQLs (the funnel's cohort, `periodMQLs`), read as of
/// `now`.
///
/// - A lead's verdict is its stage at `now` (`LeadFigures.stage`): `rejected` or `nurture`; else `accepted` when
///   it reached `accepted` or a later funnel stage by `now` (`won` and `lost` after an opportunity included); else
///   none (still MQL). The groups never overlap: a lead accepted and rejected later is `rejected`.
/// - A lead's reason is `context.deals[id]?.reason(at: period.now)`: the reason the store knew at `now`. Reasons
///   are free text from the CRM, grouped case- and space-insensitively (`reasonKey`): spaces trimmed, runs of
///   white space collapsed to one space, then case-folded, so `No budget`, ` no  BUDGET` and `No\tbudget` are one
///   reason. A group shows the first spelling seen in lead-id order (spaces trimmed and collapsed, case kept). A
///   lead without a reason, or with only white space, has the reason `(no reason)`.
/// - Answered: the lead's first first-response episode (earliest start, any policy with the `first_response`
///   clock) was met or met late by `now`, the same rule as the outcome section; its first-response time is that
///   episode's elapsed seconds (business seconds for a business policy).
extension ReportBuilder {
    /// The reason of leads without one, in the reason rows.
    public static let noReason = "(no reason)"

    /// The lead-quality section: sources, reasons and first response by verdict.
    func quality(_ context: Context) -> LeadQuality {
        let cohort = periodMQLs(context).sorted { $0.lead.facts.leadID < $1.lead.facts.leadID }
        var bySource: [String: [(lead: EvaluatedLead, figures: LeadFigures)]] = [:]
        for member in cohort { bySource[member.lead.facts.source ?? Self.noKey, default: []].append(member) }
        let groups = bySource.keys.sorted().map { ($0, bySource[$0] ?? []) } + [(Self.allKey, cohort)]
        return LeadQuality(
            sources: groups.map { Self.qualitySourceRow($0.0, $0.1.map(\.figures)) },
            reasons: groups.flatMap { reasonRows($0.0, $0.1, context) },
            firstResponse: QualityVerdict.allCases.map { verdict in
                Self.qualityResponseRow(verdict, cohort.filter { Self.verdict($0.figures) == verdict }.map(\.lead))
            })
    }

    /// Per source (or `all`): MQLs, and the leads whose stage at `now` is `rejected` and `nurture`, with their
    /// share of the MQLs.
    static func qualitySourceRow(_ source: String, _ leads: [LeadFigures]) -> QualitySourceRow {
        let rejected = leads.filter { $0.stage == .rejected }.count
        let nurture = leads.filter { $0.stage == .nurture }.count
        return QualitySourceRow(
            source: source, mql: leads.count, rejected: rejected,
            rejectedShare: ReportStatistics.share(rejected, of: leads.count), nurture: nurture,
            nurtureShare: ReportStatistics.share(nurture, of: leads.count))
    }

    /// The reasons of one source's (or all) rejected, then nurtured, leads: one row per reason (grouped by
    /// `reasonKey`, shown as first spelt in lead-id order; `leads` must be in lead-id order), with its count and
    /// its share of the source's MQLs, most leads first, then by the reason's key.
    func reasonRows(
        _ source: String, _ leads: [(lead: EvaluatedLead, figures: LeadFigures)], _ context: Context
    ) -> [QualityReasonRow] {
        [QualityVerdict.rejected, .nurture].flatMap { verdict in
            var spelling: [String: String] = [:]
            var counts: [String: Int] = [:]
            for (lead, figures) in leads where Self.verdict(figures) == verdict {
                let written = Self.reasonSpelling(context.deals[lead.facts.leadID]?.reason(at: period.now))
                let key = Self.reasonKey(written)
                if spelling[key] == nil { spelling[key] = written }
                counts[key, default: 0] += 1
            }
            return counts.keys.sorted { (counts[$1] ?? 0, $0) < (counts[$0] ?? 0, $1) }.map { key in
                QualityReasonRow(
                    source: source, verdict: verdict, reason: spelling[key] ?? key, leads: counts[key] ?? 0,
                    share: ReportStatistics.share(counts[key] ?? 0, of: leads.count))
            }
        }
    }

    /// A reason as shown: white space trimmed and every run of it inside collapsed to one space; `(no reason)`
    /// for nil or only white space.
    static func reasonSpelling(_ reason: String?) -> String {
        let words = (reason ?? "").split(whereSeparator: \.isWhitespace)
        return words.isEmpty ? noReason : words.joined(separator: " ")
    }

    /// What reasons are grouped by: the shown spelling (`reasonSpelling`), case-folded (Unicode full case
    /// folding, so `NO BUDGET`, `no budget` and `No Budget` are one key).
    static func reasonKey(_ spelling: String) -> String {
        spelling.folding(options: .caseInsensitive, locale: nil)
    }

    /// The lead's verdict at `now`; nil for a lead still undecided (neither rejected, nurtured nor accepted).
    static func verdict(_ figures: LeadFigures) -> QualityVerdict? {
        switch figures.stage {
        case .rejected: .rejected
        case .nurture: .nurture
        default: figures.reachedAt(.accepted) == nil ? nil : .accepted
        }
    }

    /// Leads of one verdict: answered, never answered, the share answered and the nearest-rank median of the
    /// answered ones' first-response time.
    static func qualityResponseRow(_ verdict: QualityVerdict, _ leads: [EvaluatedLead]) -> QualityResponseRow {
        let answered = leads.compactMap(firstResponseSeconds)
        return QualityResponseRow(
            verdict: verdict, leads: leads.count, answered: answered.count, neverAnswered: leads.count - answered.count,
            answeredShare: ReportStatistics.share(answered.count, of: leads.count),
            medianFirstResponseSeconds: ReportStatistics.nearestRank(answered, percentile: 50))
    }

    /// The lead's first first-response episode: the one that started earliest; nil when it has none.
    static func firstFirstResponse(_ lead: EvaluatedLead) -> ClockEpisode? {
        lead.episodes.filter { $0.clock == .firstResponse }.min { $0.startedAt < $1.startedAt }
    }

    /// The elapsed seconds of the lead's first first-response episode when it was met or met late; nil when the
    /// lead has none or it was not answered by `now`.
    static func firstResponseSeconds(_ lead: EvaluatedLead) -> Int64? {
        guard let first = firstFirstResponse(lead), first.state == .met || first.state == .metLate else { return nil }
        return first.elapsedSeconds
    }
}
