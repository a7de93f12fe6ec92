import BatonCore

/// What matching decided for one message.
public struct MatchResult: Sendable, Equatable {
    /// `matched`, `internal`, `bulk`, `no_known_party`, `blocklisted`, `loop`, `not_sales_team`.
    public var outcome: MessageOutcome
    /// Why, in words, stored with the message.
    public var detail: String
    /// One per lead (the message id is filled in by the caller).
    public var interactions: [InteractionRecord]
    /// An unknown sender to a sales address who should become a lead first (`auto_create_leads`).
    public var createLead: (address: String, name: String?)?
    /// Addresses a bounce reports as failed that belong to leads.
    public var undeliverable: [String]
    /// The rules tried and why each matched or failed: only from `MessageMatcher.explain`, nil otherwise.
    public var evidence: MatchEvidence?

    /// A result with nothing matched yet.
    public init(
        outcome: MessageOutcome, detail: String, interactions: [InteractionRecord] = [],
        createLead: (address: String, name: String?)? = nil, undeliverable: [String] = [],
        evidence: MatchEvidence? = nil
    ) {
        self.outcome = outcome
        self.detail = detail
        self.interactions = interactions
        self.createLead = createLead
        self.undeliverable = undeliverable
        self.evidence = evidence
    }

    public static func == (a: MatchResult, b: MatchResult) -> Bool {
        a.outcome == b.outcome && a.detail == b.detail && a.interactions == b.interactions
            && a.createLead?.address == b.createLead?.address && a.createLead?.name == b.createLead?.name
            && a.undeliverable == b.undeliverable && a.evidence == b.evidence
    }
}

/// Decides which leads a message concerns and how: one interaction per lead, matched by `address`, `domain` or
/// `thread` (Config/README.md, "Sources and what `baton scan` does with them", gives the rules in order). The one
/// place matching is decided: the scan calls `match`, `baton explain` calls `explain`, and both run `decide`.
/// Pure: everything it needs comes in as values and lookups of stored messages.
///
/// The rules, in order: Baton's own alert coming back (`loop`), `blocklist`, `bulk`, `sales_team` (a message read
/// from no rep's mailbox is the sales team's only when a rep took part), `bounce` (a bounce concerns
/// the leads whose address failed), `internal` (no external address), `address`, `domain` (someone else at a
/// lead's company, never free mail; the leads the rep owns when the rep owns some), `thread` (only when nothing
/// matched: the leads of stored messages among In-Reply-To and References), `auto_create` (only when nothing
/// matched).
public struct MessageMatcher {
    let directory: MatchDirectory
    /// `alerts.from`: mail from it is Baton's own; nil when unknown.
    let alertsFrom: String?
    /// `alertsFrom` normalised once: a scan matches every message with the same matcher.
    let alertsAddress: String?

    /// A matcher over `directory`; `alertsFrom` is the configuration's `alerts.from`.
    public init(directory: MatchDirectory, alertsFrom: String? = nil) {
        self.directory = directory
        self.alertsFrom = alertsFrom
        alertsAddress = alertsFrom.map(EmailAddress.normalize)
    }

    /// Matches `message`; `threadLeads` returns the leads of stored messages whose Message-ID is in a list.
    public func match(_ message: MessageRecord, threadLeads: ([String]) throws -> [Int64]) throws -> MatchResult {
        var evidence: MatchEvidence? = nil
        return try decide(message, threadLeads: threadLeads, storedReferences: { _ in [] }, evidence: &evidence)
    }

    /// Matches `message` as a scan does: when the result asks for a new lead (`auto_create_leads`), `createLead`
    /// creates it and returns the directory that knows it, and the message is matched again against that.
    public func match(
        _ message: MessageRecord, threadLeads: ([String]) throws -> [Int64],
        createLead: (_ address: String, _ name: String?) throws -> MatchDirectory
    ) throws -> MatchResult {
        let result = try match(message, threadLeads: threadLeads)
        guard let create = result.createLead else { return result }
        let directory = try createLead(create.address, create.name)
        return try MessageMatcher(directory: directory, alertsFrom: alertsFrom).match(
            message, threadLeads: threadLeads)
    }

    /// Matches `message` and returns the evidence with the result: every rule tried and why it matched or failed.
    /// `storedReferences` returns which ids of a list are stored messages (to say why a thread did not match).
    public func explain(
        _ message: MessageRecord, threadLeads: ([String]) throws -> [Int64],
        storedReferences: ([String]) throws -> [String]
    ) throws -> MatchResult {
        var evidence: MatchEvidence? = MatchEvidence()
        var result = try decide(
            message, threadLeads: threadLeads, storedReferences: storedReferences, evidence: &evidence)
        result.evidence = evidence
        return result
    }

    /// Why a message is one of Baton's own alerts coming back (forwarded to the drop folder, an auto-reply or a
    /// bounce answering it), or nil.
    public func alertLoop(_ message: MessageRecord) -> AlertLoop? {
        if let id = message.messageID, AlertIdentity.isBatonMessageID(id) { return .alertMessageID(id) }
        // An automatic answer to an alert (an out-of-office, a bounce) is noise; a person's reply in an alert's
        // thread that writes to the lead is a real touch and is matched as usual.
        if message.kind == .autoReply || message.kind == .bounce,
            let ref = message.refs.first(where: AlertIdentity.isBatonMessageID)
        {
            return .answersAlert(ref)
        }
        if let alertsAddress, let from = message.fromAddress, from == alertsAddress {
            return .alertAddress(from)
        }
        return nil
    }

    /// The rules in order. `evidence`, when not nil, receives each step: the scan passes nil and builds none.
    func decide(
        _ message: MessageRecord, threadLeads: ([String]) throws -> [Int64],
        storedReferences: ([String]) throws -> [String], evidence: inout MatchEvidence?
    ) throws -> MatchResult {
        let explaining = evidence != nil
        func note(_ step: @autoclosure () -> MatchStep) {
            if explaining { evidence?.steps.append(step()) }
        }
        var result = MatchResult(outcome: .matched, detail: "")
        if let loop = alertLoop(message) {
            note(MatchStep(.loop, .stop, .alertLoop(loop)))
            return MatchResult(outcome: .loop, detail: loop.description)
        }
        note(MatchStep(.loop, .pass, .notAlert))
        let time = message.sentAt ?? 0
        let addresses = message.participants.map(\.address)
        if let blocked = addresses.first(where: directory.isBlocked) {
            note(MatchStep(.blocklist, .stop, .blocklisted, address: blocked))
            result.outcome = .blocklisted
            result.detail = "\(blocked) is on the blocklist"
            return result
        }
        note(MatchStep(.blocklist, .pass, .noneBlocked))
        if message.kind == .bulk {
            note(MatchStep(.bulk, .stop, .bulk))
            result.outcome = .bulk
            result.detail = "bulk mail (mailing list or newsletter headers)"
            return result
        }
        note(MatchStep(.bulk, .pass, .notBulk))
        let from = message.participants.first { $0.role == .from }?.address
        let recipients = message.participants.filter { $0.role != .from }.map(\.address)
        let outbound = from.map(directory.isInternal) ?? false
        let direction: Direction = outbound ? .outbound : .inbound
        var rep: String?
        var repSource = RepSource.owner
        // Without a mailbox rep, the reps among the recipients: a lead whose owner is one of them is credited to
        // its owner (`creditedRep`); nil with a mailbox rep, whose rule is one rep for the whole message.
        var recipientReps: Set<String>?
        if message.mailboxRep == nil {
            let reps = recipients.lazy.compactMap { a in directory.rep(a).map { (address: a, rep: $0) } }
            if outbound, let from, let found = directory.rep(from) {
                (rep, repSource) = (found, .sender(address: from))
            } else if let first = reps.first {
                (rep, repSource) = (first.rep, .firstRecipient(address: first.address, ownersAmongRecipients: []))
                recipientReps = Set(reps.map(\.rep))
            }
        } else if outbound {
            if let from, let found = directory.rep(from) {
                (rep, repSource) = (found, .sender(address: from))
            } else if let mailbox = message.mailboxRep {
                (rep, repSource) = (mailbox, .internalSenderMailbox(sender: from))
            }
        } else if let pair = message.participants.lazy.filter({ $0.role == .to || $0.role == .cc })
            .compactMap({ p in directory.rep(p.address).map { (p.address, $0) } }).first
        {
            // The mailbox rule reads the headers' recipients only: an envelope recipient a journal copy added
            // never overrides the mailbox's rep.
            (rep, repSource) = (pair.1, .recipient(address: pair.0))
        } else if let mailbox = message.mailboxRep {
            (rep, repSource) = (mailbox, .mailbox)
        }
        /// The rep a lead's interaction is credited to: the lead's owner when, without a mailbox rep, the owner is
        /// among the recipients; else the message's rep; else the lead's owner.
        func creditedRep(_ lead: Int64) throws -> String? {
            if let recipientReps, let owner = try directory.owner(of: lead), recipientReps.contains(owner) {
                return owner
            }
            return try rep ?? directory.owner(of: lead)
        }
        /// Names, in the evidence, the leads credited to their own owner rather than to the message's rep.
        func noteOwners(_ interactions: [InteractionRecord]) {
            guard explaining, case .firstRecipient(let address, _) = repSource else { return }
            let owners = interactions.filter { $0.rep != rep }.map(\.leadID)
            evidence?.repSource = .firstRecipient(address: address, ownersAmongRecipients: owners)
        }
        if explaining {
            evidence?.direction = direction
            evidence?.rep = rep
            evidence?.repSource = repSource
        }
        if message.mailboxRep == nil {
            // Read from no rep's mailbox (a journal, a mailbox configured without `rep`): only mail a rep took part
            // in is the sales team's.
            if let rep {
                note(MatchStep(.salesTeam, .pass, .repTookPart, address: rep))
            } else if let sales = recipients.first(where: directory.isSalesAddress) {
                // A shared sales inbox is the team's own: its leads go to their owners, and `auto_create_leads`
                // applies as ever.
                note(MatchStep(.salesTeam, .pass, .salesAddress, address: sales))
            } else {
                note(MatchStep(.salesTeam, .stop, .noRep))
                result.outcome = .notSalesTeam
                result.detail = "no rep among its parties: not the sales team's mail"
                return result
            }
        }

        if message.kind == .bounce {
            // A bounce concerns the lead whose address failed, whoever sent the report.
            var leads: [Int64] = []
            for address in message.failedRecipients {
                let found = try directory.leads(address: address)
                note(
                    MatchStep(
                        .bounce, found.isEmpty ? .noMatch : .matched, .deliveryFailed, address: address, leads: found))
                if !found.isEmpty { result.undeliverable.append(address) }
                for lead in found where !leads.contains(lead) { leads.append(lead) }
            }
            guard !leads.isEmpty else {
                if message.failedRecipients.isEmpty { note(MatchStep(.bounce, .noMatch, .noFailedRecipient)) }
                result.outcome = .noKnownParty
                result.detail =
                    message.failedRecipients.isEmpty
                    ? "a bounce naming no failed recipient"
                    : "a bounce for \(message.failedRecipients.joined(separator: ", ")), no lead's address"
                return result
            }
            result.interactions = try leads.map {
                InteractionRecord(
                    leadID: $0, type: .email, direction: .inbound, rep: try creditedRep($0), time: time, kind: .bounce,
                    match: .address)
            }
            noteOwners(result.interactions)
            result.detail = "bounce for \(result.undeliverable.joined(separator: ", "))"
            return result
        }
        note(MatchStep(.bounce, .pass, .notBounce))

        var externals: [String] = []
        for address in addresses where !directory.isInternal(address) && !externals.contains(address) {
            externals.append(address)
        }
        guard !externals.isEmpty else {
            note(MatchStep(.internal, .stop, .onlyInternal(Self.unique(addresses))))
            result.outcome = .internal
            result.detail = "only internal addresses"
            return result
        }
        note(MatchStep(.internal, .pass, .external(externals)))
        var matched: [(lead: Int64, match: MatchMethod, via: String)] = []
        var unmatched: [String] = []
        for address in externals {
            let leads = try directory.leads(address: address)
            note(MatchStep(.address, leads.isEmpty ? .noMatch : .matched, .leadAddress, address: address, leads: leads))
            if leads.isEmpty { unmatched.append(address) }
            for lead in leads where !matched.contains(where: { $0.lead == lead }) {
                matched.append((lead, .address, address))
            }
        }
        // Company-domain fallback: someone else at a lead's company, never a free-mail domain.
        for address in unmatched {
            guard let domain = EmailAddress.domain(of: address) else {
                note(MatchStep(.domain, .noMatch, .noDomain, address: address))
                continue
            }
            guard !directory.isFreemail(domain) else {
                note(MatchStep(.domain, .noMatch, .freemail(domain: domain), address: address))
                continue
            }
            let company = try directory.leads(domain: domain)
            guard !company.isEmpty else {
                note(MatchStep(.domain, .noMatch, .noCompany(domain: domain), address: address))
                continue
            }
            let owned = try company.filter { lead in
                guard let owner = try directory.owner(of: lead) else { return false }
                return owner == rep || (recipientReps?.contains(owner) ?? false)
            }
            let chosen = (owned.isEmpty ? company : owned).filter { lead in !matched.contains { $0.lead == lead } }
            for lead in chosen { matched.append((lead, .domain, address)) }
            if explaining {
                let ownedBy = !owned.isEmpty && owned.count < company.count ? try owners(owned) : nil
                note(
                    MatchStep(
                        .domain, chosen.isEmpty ? .noMatch : .matched,
                        .company(domain: domain, company: company, ownedBy: ownedBy), address: address, leads: chosen))
            }
        }
        if matched.isEmpty {
            let leads = try threadLeads(message.refs)
            if explaining {
                if message.refs.isEmpty {
                    note(MatchStep(.thread, .noMatch, .noReferences))
                } else if leads.isEmpty {
                    let stored = try storedReferences(message.refs)
                    note(
                        MatchStep(
                            .thread, .noMatch,
                            stored.isEmpty ? .noStoredReference(count: message.refs.count) : .storedWithoutLead(stored))
                    )
                } else {
                    note(MatchStep(.thread, .matched, .answers, leads: leads))
                }
            }
            for lead in leads { matched.append((lead, .thread, message.refs.joined(separator: " "))) }
        } else {
            note(MatchStep(.thread, .notTried, .alreadyMatched))
        }
        if matched.isEmpty {
            let sales = recipients.first(where: directory.isSalesAddress)
            // The first condition of `auto_create_leads` that fails, or nil when a lead is to be created.
            let refusal: MatchStep.Reason?
            if !directory.autoCreateLeads {
                refusal = .autoCreateOff
            } else if outbound {
                refusal = .outbound
            } else if message.kind != .message {
                refusal = .notAMessage(kind: message.kind.rawValue)
            } else if from == nil {
                refusal = .noSender
            } else if sales == nil {
                refusal = .notToSalesAddress
            } else {
                refusal = nil
            }
            if let refusal {
                note(MatchStep(.autoCreate, .noMatch, refusal, address: from))
            } else if let from, let sales {
                note(MatchStep(.autoCreate, .matched, .creates(salesAddress: sales), address: from))
                result.createLead = (from, message.participants.first { $0.role == .from }?.name)
            }
            result.outcome = .noKnownParty
            result.detail = "no lead among \(externals.joined(separator: ", "))"
            return result
        }
        note(MatchStep(.autoCreate, .notTried, .alreadyMatched))
        result.interactions = try matched.map {
            InteractionRecord(
                leadID: $0.lead, type: .email, direction: direction, rep: try creditedRep($0.lead), time: time,
                kind: message.kind, match: $0.match)
        }
        noteOwners(result.interactions)
        result.detail = Self.detail(matched)
        return result
    }

    /// What a matched message's outcome says: each lead with how it matched and through which party
    /// (`lead #1 by address (dana@acme-robotics.com)`). Leads matched the same way through the same party share one
    /// entry, in the order of their first lead (`leads #1, #22, #43 by domain (person0@customer.test)`): a message
    /// from a company with many leads stored the same reason once per lead, 1.7 KB a message for 44 leads.
    static func detail(_ matched: [(lead: Int64, match: MatchMethod, via: String)]) -> String {
        var groups: [(match: MatchMethod, via: String, leads: [Int64])] = []
        for entry in matched {
            if let index = groups.firstIndex(where: { $0.match == entry.match && $0.via == entry.via }) {
                groups[index].leads.append(entry.lead)
            } else {
                groups.append((entry.match, entry.via, [entry.lead]))
            }
        }
        // Appended piece by piece: interpolating and joining each lead's `#id` cost 7,500 instructions a message.
        var text = ""
        for (index, group) in groups.enumerated() {
            if index > 0 { text += "; " }
            text += group.leads.count == 1 ? "lead " : "leads "
            for (position, lead) in group.leads.enumerated() {
                if position > 0 { text += ", " }
                text += "#"
                text += String(lead)
            }
            text += " by "
            text += group.match.rawValue
            text += " ("
            text += group.via
            text += ")"
        }
        return text
    }

    /// The owners of `leads`, each once, in first-seen order, as one text (`ann@example.com, bob@example.com`).
    func owners(_ leads: [Int64]) throws -> String {
        Self.unique(try leads.compactMap(directory.owner)).joined(separator: ", ")
    }

    /// The list without repeats, in first-seen order.
    static func unique(_ list: [String]) -> [String] {
        var seen = Set<String>()
        return list.filter { seen.insert($0).inserted }
    }
}
