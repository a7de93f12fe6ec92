import BatonCore

/// What matching decided for one message.
public struct MatchResult: Sendable, Equatable {
    /// `matched`, `internal`, `bulk`, `no_known_party`, `blocklisted`.
    public var outcome: String
    /// Why, in words, for `baton explain`.
    public var detail: String
    /// One per lead (the message id is filled in by the caller).
    public var interactions: [InteractionRecord]
    /// An unknown sender to a sales address who should become a lead first (`auto_create_leads`).
    public var createLead: (address: String, name: String?)?
    /// Addresses a bounce reports as failed that belong to leads.
    public var undeliverable: [String]

    public static func == (a: MatchResult, b: MatchResult) -> Bool {
        a.outcome == b.outcome && a.detail == b.detail && a.interactions == b.interactions
            && a.createLead?.address == b.createLead?.address && a.createLead?.name == b.createLead?.name
            && a.undeliverable == b.undeliverable
    }
}

/// Decides which leads a message concerns and how: one interaction per lead, matched by `address`, `domain` or
/// `thread` (Config/README.md, "Sources and what `baton scan` does with them", gives the rules in order).
/// Pure: everything it needs comes in as values and a lookup for thread matches.
public struct MessageMatcher {
    let directory: MatchDirectory

    public init(directory: MatchDirectory) { self.directory = directory }

    /// Matches `message`; `threadLeads` returns the leads of stored messages whose Message-ID is in a list.
    public func match(_ message: MessageRecord, threadLeads: ([String]) throws -> [Int64]) rethrows -> MatchResult {
        var result = MatchResult(outcome: "matched", detail: "", interactions: [], createLead: nil, undeliverable: [])
        let time = message.sentAt ?? 0
        let addresses = message.participants.map(\.address)
        if let blocked = addresses.first(where: directory.isBlocked) {
            result.outcome = "blocklisted"
            result.detail = "\(blocked) is on the blocklist"
            return result
        }
        if message.kind == "bulk" {
            result.outcome = "bulk"
            result.detail = "bulk mail (mailing list or newsletter headers)"
            return result
        }
        let from = message.participants.first { $0.role == "from" }?.address
        let recipients = message.participants.filter { $0.role != "from" }.map(\.address)
        let outbound = from.map(directory.isInternal) ?? false
        let direction = outbound ? "outbound" : "inbound"
        let rep: String? =
            outbound
            ? (from.flatMap(directory.rep) ?? message.mailboxRep)
            : (recipients.lazy.compactMap(directory.rep).first ?? message.mailboxRep)

        if message.kind == "bounce" {
            // A bounce concerns the lead whose address failed, whoever sent the report.
            var leads: [Int64] = []
            for address in message.failedRecipients {
                let found = directory.leads(address: address)
                if !found.isEmpty { result.undeliverable.append(address) }
                for lead in found where !leads.contains(lead) { leads.append(lead) }
            }
            guard !leads.isEmpty else {
                result.outcome = "no_known_party"
                result.detail =
                    message.failedRecipients.isEmpty
                    ? "a bounce naming no failed recipient"
                    : "a bounce for \(message.failedRecipients.joined(separator: ", ")), no lead's address"
                return result
            }
            result.interactions = leads.map {
                InteractionRecord(
                    leadID: $0, type: "email", direction: "inbound", rep: rep ?? directory.owner(of: $0), time: time,
                    kind: "bounce", match: "address")
            }
            result.detail = "bounce for \(result.undeliverable.joined(separator: ", "))"
            return result
        }

        var externals: [String] = []
        for address in addresses where !directory.isInternal(address) && !externals.contains(address) {
            externals.append(address)
        }
        guard !externals.isEmpty else {
            result.outcome = "internal"
            result.detail = "only internal addresses"
            return result
        }
        var matched: [(lead: Int64, match: String, via: String)] = []
        var unmatched: [String] = []
        for address in externals {
            let leads = directory.leads(address: address)
            if leads.isEmpty { unmatched.append(address) }
            for lead in leads where !matched.contains(where: { $0.lead == lead }) {
                matched.append((lead, "address", address))
            }
        }
        // Company-domain fallback: someone else at a lead's company, never a free-mail domain.
        for address in unmatched {
            guard let domain = EmailAddress.domain(of: address), !directory.isFreemail(domain) else { continue }
            let company = directory.leads(domain: domain)
            guard !company.isEmpty else { continue }
            let owned = company.filter { rep != nil && directory.owner(of: $0) == rep }
            for lead in (owned.isEmpty ? company : owned) where !matched.contains(where: { $0.lead == lead }) {
                matched.append((lead, "domain", address))
            }
        }
        if matched.isEmpty {
            for lead in try threadLeads(message.refs) {
                matched.append((lead, "thread", message.refs.joined(separator: " ")))
            }
        }
        if matched.isEmpty {
            if directory.autoCreateLeads, !outbound, message.kind == "message", let from,
                recipients.contains(where: directory.isSalesAddress)
            {
                result.createLead = (from, message.participants.first { $0.role == "from" }?.name)
            }
            result.outcome = "no_known_party"
            result.detail = "no lead among \(externals.joined(separator: ", "))"
            return result
        }
        result.interactions = matched.map {
            InteractionRecord(
                leadID: $0.lead, type: "email", direction: direction, rep: rep ?? directory.owner(of: $0.lead),
                time: time, kind: message.kind, match: $0.match)
        }
        result.detail = matched.map { "lead #\($0.lead) by \($0.match) (\($0.via))" }.joined(separator: "; ")
        return result
    }
}
