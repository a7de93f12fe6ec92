import BatonCore
import Store

/// The matcher's evidence in words, for `baton explain`: which rule matched which lead, or why each failed. It
/// decides nothing: every step, the direction and the rep come from `MessageMatcher.explain`.
public struct MatchExplanation: Sendable, Equatable {
    /// One rule tried on one address (or on the whole message), in words.
    public struct Step: Sendable, Equatable {
        /// `loop`, `blocklist`, `bulk`, `sales_team`, `bounce`, `internal`, `address`, `domain`, `thread`,
        /// `auto_create`.
        public var rule: String
        /// What the rule did.
        public var verdict: MatchStep.Verdict
        /// The address the step is about, when it is about one.
        public var address: String?
        /// The leads it matched.
        public var leads: [Int64]
        /// Why, in words.
        public var text: String
    }

    /// The rules in the order they were tried.
    public var steps: [Step]
    /// `inbound` or `outbound` (outbound when the sender is internal); nil when matching stopped before it.
    public var direction: Direction?
    /// The rep interactions are credited to (a lead without one gets its owner).
    public var rep: String?
    /// Where `rep` came from, in words.
    public var repReason: String?
    /// The outcome, detail and interactions, as `MessageMatcher` gives them (with its evidence).
    public var result: MatchResult

    /// Explains how `message` matches under `directory`: runs `MessageMatcher.explain` and puts its evidence in
    /// words. `alertsFrom` is the configuration's `alerts.from`; `threadLeads` returns the leads of stored messages
    /// whose Message-ID is in a list, `storedReferences` which ids of a list are stored messages; `labels` names
    /// leads in the texts (`lead #1 (dana@acme.com)`).
    public static func explain(
        _ message: MessageRecord, directory: MatchDirectory, alertsFrom: String,
        threadLeads: ([String]) throws -> [Int64], storedReferences: ([String]) throws -> [String],
        labels: [Int64: String] = [:]
    ) throws -> MatchExplanation {
        let result = try MessageMatcher(directory: directory, alertsFrom: alertsFrom).explain(
            message, threadLeads: threadLeads, storedReferences: storedReferences)
        return MatchExplanation(result, labels: labels)
    }

    /// `result`'s evidence (none: no steps) in words.
    public init(_ result: MatchResult, labels: [Int64: String] = [:]) {
        let evidence = result.evidence ?? MatchEvidence()
        func lead(_ id: Int64) -> String { "lead #\(id)" + (labels[id].map { " (\($0))" } ?? "") }
        func leadList(_ ids: [Int64]) -> String { ids.map(lead).joined(separator: ", ") }
        let rep = evidence.rep
        steps = evidence.steps.map { step in
            Step(
                rule: step.rule.rawValue, verdict: step.verdict, address: step.address, leads: step.leads,
                text: Self.text(step, leadList: leadList))
        }
        direction = evidence.direction
        self.rep = rep
        repReason = evidence.repSource.map { source -> String in
            switch source {
            case .sender(let address): "the sender \(address) is rep \(rep ?? "-")"
            case .internalSenderMailbox(let sender):
                "the sender \(sender ?? "-") is internal but no rep; \(rep ?? "-")'s mailbox"
            case .recipient(let address):
                address == rep ? "the recipient \(address) is a rep" : "the recipient \(address) is rep \(rep ?? "-")"
            case .firstRecipient(let address, let owners):
                "read from no rep's mailbox: the first rep among the recipients, \(address)"
                    + (address == rep ? "" : " (rep \(rep ?? "-"))")
                    + (owners.isEmpty
                        ? "" : "; \(leadList(owners)) credited to their owner, who is among the recipients too")
            case .mailbox: "no recipient is a rep; \(rep ?? "-")'s mailbox"
            case .owner: "no rep among the addresses or the mailbox: each lead's owner"
            }
        }
        self.result = result
    }

    /// One step in words.
    static func text(_ step: MatchStep, leadList: ([Int64]) -> String) -> String {
        let address = step.address ?? "-"
        switch step.reason {
        case .alertLoop(let loop): return loop.description
        case .notAlert: return "not one of Baton's alerts"
        case .blocklisted: return "\(address) is on the blocklist"
        case .noneBlocked: return "no address is blocklisted"
        case .repTookPart: return "read from no rep's mailbox; rep \(address) took part"
        case .salesAddress: return "read from no rep's mailbox; written to the sales address \(address)"
        case .noRep: return "read from no rep's mailbox and no rep among its parties: not the sales team's mail"
        case .bulk: return "bulk mail (mailing list or newsletter headers): never logged"
        case .notBulk: return "not bulk mail"
        case .deliveryFailed:
            return step.leads.isEmpty
                ? "delivery to \(address) failed; no lead has this address"
                : "delivery to \(address) failed: \(leadList(step.leads))"
        case .noFailedRecipient: return "a bounce naming no failed recipient"
        case .notBounce: return "not a bounce"
        case .onlyInternal(let all): return "only internal addresses (\(all.joined(separator: ", ")))"
        case .external(let externals): return "external: \(externals.joined(separator: ", "))"
        case .leadAddress:
            return step.leads.isEmpty
                ? "no lead with address \(address)" : "\(address) is the address of \(leadList(step.leads))"
        case .noDomain: return "\(address) has no domain"
        case .freemail(let domain): return "\(domain) is free mail: never matched by company domain"
        case .noCompany(let domain): return "no lead with company domain \(domain)"
        case .company(let domain, let company, let ownedBy):
            var text = "\(address) works at \(domain), the company domain of \(leadList(company))"
            if let ownedBy { text += "; only those \(ownedBy) owns" }
            if step.leads.isEmpty { text += "; already matched" }
            return text
        case .noReferences: return "no In-Reply-To or References"
        case .noStoredReference(let count):
            return "no stored message among References (\(count) id\(count == 1 ? "" : "s"))"
        case .storedWithoutLead(let stored):
            return "the stored messages it answers (\(stored.joined(separator: ", "))) concern no lead"
        case .answers: return "it answers stored messages of \(leadList(step.leads))"
        case .alreadyMatched:
            return step.rule == .thread ? "not tried: matched by address or domain" : "not tried: a lead matched"
        case .autoCreateOff: return "auto_create_leads is off"
        case .outbound: return "outbound mail creates no lead"
        case .notAMessage(let kind): return "an \(kind) creates no lead"
        case .noSender: return "no sender"
        case .notToSalesAddress: return "not written to a sales address"
        case .creates(let sales):
            return "\(address) wrote to \(sales): a scan creates a lead for \(address), then matches it by address"
        }
    }
}
