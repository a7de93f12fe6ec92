import BatonCore

/// What the matcher tried for one message, rule by rule in order, and where the rep came from: the evidence for
/// its `MatchResult`, collected only when asked (`MessageMatcher.explain`). `baton explain` renders it.
public struct MatchEvidence: Sendable, Equatable {
    /// The rules in the order they were tried.
    public var steps: [MatchStep] = []
    /// `inbound` or `outbound` (outbound when the sender is internal); nil when matching stopped before it.
    public var direction: Direction?
    /// The rep interactions are credited to (a lead without one gets its owner).
    public var rep: String?
    /// Where `rep` came from; nil when matching stopped before it.
    public var repSource: RepSource?
}

/// Where the matcher found the rep of a message.
public enum RepSource: Sendable, Equatable {
    /// The internal sender's address is a rep's.
    case sender(address: String)
    /// The sender is internal but no rep: the rep of the mailbox it was read from.
    case internalSenderMailbox(sender: String?)
    /// This recipient's address is a rep's.
    case recipient(address: String)
    /// Read from no rep's mailbox (a journal copy, a saved file, a mailbox without `rep`): `address` is the first
    /// rep among the recipients (To, Cc, then the envelope's other recipients); the leads in
    /// `ownersAmongRecipients` are credited to their own owner instead, who is among the recipients too.
    case firstRecipient(address: String, ownersAmongRecipients: [Int64])
    /// No recipient is a rep: the rep of the mailbox it was read from.
    case mailbox
    /// No rep among the addresses or the mailbox: each lead's owner.
    case owner
}

/// Why a message is one of Baton's own alerts coming back: such mail never becomes an interaction or an alert.
public enum AlertLoop: Sendable, Equatable, CustomStringConvertible {
    /// Its Message-ID is one Baton gives its alerts.
    case alertMessageID(String)
    /// An auto-reply or a bounce whose References name an alert.
    case answersAlert(String)
    /// Sent from `alerts.from`.
    case alertAddress(String)

    /// The outcome detail stored with the message.
    public var description: String {
        switch self {
        case .alertMessageID(let id): "Baton's own alert (Message-ID \(id))"
        case .answersAlert(let ref): "an automatic answer to Baton's alert \(ref)"
        case .alertAddress(let from): "sent by Baton's alert address \(from)"
        }
    }
}

/// One matching rule tried on one address (or on the whole message), and what it found.
public struct MatchStep: Sendable, Equatable {
    /// The rules, in the order the matcher tries them.
    public enum Rule: String, Sendable, Equatable {
        case loop, blocklist, bulk
        case salesTeam = "sales_team"
        case bounce
        case `internal`
        case address, domain, thread
        case autoCreate = "auto_create"
    }

    /// What the rule did.
    public enum Verdict: String, Sendable, Equatable {
        /// It found leads.
        case matched
        /// It applied and found nothing.
        case noMatch = "no_match"
        /// It decided the outcome without a lead (blocklisted, bulk, internal, Baton's own alert).
        case stop
        /// It does not apply to this message; matching goes on.
        case pass
        /// It was not tried (an earlier rule matched, or it applies only when nothing matched).
        case notTried = "not_tried"
    }

    /// Why the rule gave its verdict.
    public enum Reason: Sendable, Equatable {
        /// `loop`: one of Baton's alerts coming back, or not.
        case alertLoop(AlertLoop)
        case notAlert
        /// `blocklist`: `address` is on the blocklist, or none is.
        case blocklisted
        case noneBlocked
        /// `bulk`: mailing-list or newsletter headers, or none.
        case bulk
        case notBulk
        /// `sales_team` (a message read from no rep's mailbox): a rep took part (`address`, the message's rep).
        case repTookPart
        /// `sales_team`: no rep took part, but it was written to `address`, a sales address (`sales_addresses`).
        case salesAddress
        case noRep
        /// `bounce`: delivery to `address` failed (`leads` are the leads with that address, maybe none).
        case deliveryFailed
        /// `bounce`: a bounce that names no failed recipient.
        case noFailedRecipient
        case notBounce
        /// `internal`: the message's addresses (each once) are all internal; or these are the external ones.
        case onlyInternal([String])
        case external([String])
        /// `address`: the leads with `address` (maybe none).
        case leadAddress
        /// `domain`: `address` has no domain; its domain is free mail; no lead has it as company domain.
        case noDomain
        case freemail(domain: String)
        case noCompany(domain: String)
        /// `domain`: `company` are the leads of the domain; `ownedBy` is the rep when only that rep's leads (some,
        /// not all) were taken; `leads` the ones taken now (none when all were matched already).
        case company(domain: String, company: [Int64], ownedBy: String?)
        /// `thread`: no References; none of them stored (`count` ids); the stored ones concern no lead; or it
        /// answers stored messages of `leads`.
        case noReferences
        case noStoredReference(count: Int)
        case storedWithoutLead([String])
        case answers
        /// `thread`, `auto_create`: not tried, a lead matched by address or domain (`thread`) or at all.
        case alreadyMatched
        /// `auto_create`: why no lead is created, or that one is (`address` wrote to `salesAddress`).
        case autoCreateOff
        case outbound
        case notAMessage(kind: String)
        case noSender
        case notToSalesAddress
        case creates(salesAddress: String)
    }

    /// The rule tried.
    public var rule: Rule
    /// What it did.
    public var verdict: Verdict
    /// The address the step is about, when it is about one.
    public var address: String?
    /// The leads it matched.
    public var leads: [Int64]
    /// Why.
    public var reason: Reason

    /// A step; `address` and `leads` as the rule found them.
    public init(_ rule: Rule, _ verdict: Verdict, _ reason: Reason, address: String? = nil, leads: [Int64] = []) {
        self.rule = rule
        self.verdict = verdict
        self.reason = reason
        self.address = address
        self.leads = leads
    }
}
