import BatonCore
import Store

/// Decides which leads a meeting concerns: a lead among its attendees (or at a lead's company domain),
/// organised or attended by a rep.
public struct MeetingMatcher {
    let directory: MatchDirectory

    public init(directory: MatchDirectory) { self.directory = directory }

    /// The meeting's interactions (meeting id filled in by the caller); none without a rep.
    public func match(_ meeting: MeetingRecord) throws -> [InteractionRecord] {
        var people: [String] = []
        for address in [meeting.organizer].compactMap({ $0 }) + meeting.attendees.map(\.address)
        where !people.contains(address) {
            people.append(address)
        }
        guard !people.contains(where: directory.isBlocked) else { return [] }
        guard let rep = people.lazy.compactMap(directory.rep).first else { return [] }
        var matched: [(Int64, MatchMethod)] = []
        var unmatched: [String] = []
        for address in people where !directory.isInternal(address) {
            let leads = try directory.leads(address: address)
            if leads.isEmpty { unmatched.append(address) }
            for lead in leads where !matched.contains(where: { $0.0 == lead }) { matched.append((lead, .address)) }
        }
        for address in unmatched {
            guard let domain = EmailAddress.domain(of: address), !directory.isFreemail(domain) else { continue }
            let company = try directory.leads(domain: domain)
            let owned = try company.filter { try directory.owner(of: $0) == rep }
            for lead in (owned.isEmpty ? company : owned) where !matched.contains(where: { $0.0 == lead }) {
                matched.append((lead, .domain))
            }
        }
        return matched.map {
            InteractionRecord(
                leadID: $0.0, type: .meeting, meetingID: meeting.id, direction: nil, rep: rep, time: meeting.startAt,
                kind: nil, match: $0.1)
        }
    }
}
