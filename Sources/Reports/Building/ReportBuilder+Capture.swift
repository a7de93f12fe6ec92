import BatonCore
import Foundation
import SLA
import Store

/// Capture health: whether mail is being captured at all.
extension ReportBuilder {
    /// How many unmatched domains the report lists.
    static let unmatchedDomainLimit = 10

    /// - Sources: one row per configured source, in configuration order, its path as configured (globs kept);
    ///   a glob gathers the files it matches, an item seen in several of them counting once. Mail sources count
    ///   messages first seen there in the period and those matched to a lead; calendar sources count meetings,
    ///   matched when a lead takes part. The last item is the newest message date (calendar: the newest
    ///   `DTSTAMP`, else start, of its meetings) at or before `now`; a source is silent when it has none, or
    ///   none within `silentDays` × 24 h before `now`.
    /// - Unmatched domains: the external domains (not internal, not a rep's address) of messages matched to
    ///   nobody and first seen in the period, counted once per message; most messages first, then by name; top 10.
    /// - Leads without touch: leads handed off in the period with no outbound email (kind `message`), logged
    ///   touch or held meeting at or before `now`; their first addresses, sorted.
    /// - Quarantined: files (not `.reason` notes, not hidden) in each drop source's quarantine folder.
    func capture(_ context: Context) throws -> CaptureHealth {
        var sources: [CaptureSource] = []
        for source in config.sources {
            let activity = try store.reports.sourceActivity(
                path: source.path, isGlob: PathGlob.isGlob(source.path), since: period.since, until: period.until,
                now: period.now)
            let isCalendar = source.type == .calendar
            let scanned = isCalendar ? activity.meetings : activity.messages
            let matched = isCalendar ? activity.matchedMeetings : activity.matchedMessages
            let last = isCalendar ? activity.lastMeetingAt : activity.lastMessageAt
            let silent = last.map { period.now - $0 > Int64(silentDays) * 86_400 } ?? true
            sources.append(
                CaptureSource(
                    path: source.path, type: source.type.rawValue, scanned: scanned, matched: matched,
                    matchedShare: ReportStatistics.share(matched, of: scanned), lastMessageAt: last, silent: silent))
        }
        return CaptureHealth(
            sources: sources, unmatchedDomains: try unmatchedDomains(), leadsWithoutTouch: leadsWithoutTouch(context),
            quarantined: quarantinedFiles(), silentDays: silentDays)
    }

    func unmatchedDomains() throws -> [BucketCount] {
        let repAddresses = try store.people.repAddresses()
        var messages: [String: Set<Int64>] = [:]
        for (message, address) in try store.reports.unmatchedMessageAddresses(since: period.since, until: period.until)
        {
            let lowered = address.lowercased()
            guard !repAddresses.contains(lowered), let domain = EmailAddress.domain(of: lowered) else { continue }
            if config.internalDomains.contains(where: { domain == $0 || domain.hasSuffix("." + $0) }) { continue }
            messages[domain, default: []].insert(message)
        }
        return messages.map { BucketCount(label: $0.key, count: $0.value.count) }
            .sorted { ($1.count, $0.label) < ($0.count, $1.label) }
            .prefix(Self.unmatchedDomainLimit).map { $0 }
    }

    func leadsWithoutTouch(_ context: Context) -> [String] {
        leads.filter { lead in
            guard let at = context.figures[lead.facts.leadID]?.handoffAt, inPeriod(at) else { return false }
            return !lead.facts.interactions.contains { i in
                guard i.time <= period.now else { return false }
                switch i.type {
                case .manual: return true
                case .meeting: return !i.meetingOff
                case .email: return i.direction == .outbound && i.kind == .message
                }
            }
        }.map { context.address($0.facts.leadID) }.sorted()
    }

    func quarantinedFiles() -> Int {
        var count = 0
        for source in config.sources where source.type == .drop {
            for folder in PathGlob.expand(source.path) {
                let quarantine = folder + "/" + config.drop.quarantine
                guard let names = try? FileManager.default.contentsOfDirectory(atPath: quarantine) else { continue }
                for name in names where !name.hasPrefix(".") && !name.hasSuffix(".reason") {
                    var isFolder: ObjCBool = false
                    if FileManager.default.fileExists(atPath: quarantine + "/" + name, isDirectory: &isFolder),
                        !isFolder.boolValue
                    {
                        count += 1
                    }
                }
            }
        }
        return count
    }
}
