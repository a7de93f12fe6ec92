import BatonCore
import Store

/// `MessageMatcher`'s rules walked one by one for `baton explain`: which rule matched which lead, or why each
/// failed. Pure: the directory and two store lookups come in; its `result` is what the scanner's matching gives
/// (`Scanner.match` before any lead is auto-created), which the tests hold it to.
///
/// The rules, in order: Baton's own alert coming back (`loop`), `blocklist`, `bulk`, `bounce` (a bounce concerns
/// the leads whose address failed), `internal` (no external address), `address`, `domain` (someone else at a
/// lead's company, never free mail; the leads the rep owns when the rep owns some), `thread` (only when nothing
/// matched: the leads of stored messages among In-Reply-To and References), `auto_create` (only when nothing
/// matched).
public struct MatchExplanation: Sendable, Equatable {
    /// One rule tried on one address (or on the whole message).
    public struct Step: Sendable, Equatable {
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

        /// `loop`, `blocklist`, `bulk`, `bounce`, `internal`, `address`, `domain`, `thread`, `auto_create`.
        public var rule: String
        public var verdict: Verdict
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
    public var direction: String?
    /// The rep interactions are credited to (a lead without one gets its owner).
    public var rep: String?
    /// Where `rep` came from, in words.
    public var repReason: String?
    /// The outcome, detail and interactions, as `MessageMatcher` gives them.
    public var result: MatchResult

    /// Explains how `message` matches under `directory`. `alertsFrom` is the configuration's `alerts.from`;
    /// `threadLeads` returns the leads of stored messages whose Message-ID is in a list, `storedReferences` which
    /// ids of a list are stored messages; `labels` names leads in the texts (`lead #1 (dana@acme.com)`).
    public static func explain(
        _ message: MessageRecord, directory: MatchDirectory, alertsFrom: String,
        threadLeads: ([String]) throws -> [Int64], storedReferences: ([String]) throws -> [String],
        labels: [Int64: String] = [:]
    ) rethrows -> MatchExplanation {
        func lead(_ id: Int64) -> String { "lead #\(id)" + (labels[id].map { " (\($0))" } ?? "") }
        func leadList(_ ids: [Int64]) -> String { ids.map(lead).joined(separator: ", ") }
        var steps: [Step] = []
        var result = MatchResult(outcome: "matched", detail: "", interactions: [], createLead: nil, undeliverable: [])
        func finish(_ outcome: String, _ detail: String) -> MatchExplanation {
            result.outcome = outcome
            result.detail = detail
            return MatchExplanation(steps: steps, direction: nil, rep: nil, repReason: nil, result: result)
        }

        if let loop = Scanner.alertLoop(message, alertsFrom: alertsFrom) {
            steps.append(Step(rule: "loop", verdict: .stop, address: nil, leads: [], text: loop))
            return finish("loop", loop)
        }
        steps.append(Step(rule: "loop", verdict: .pass, address: nil, leads: [], text: "not one of Baton's alerts"))

        let addresses = message.participants.map(\.address)
        if let blocked = addresses.first(where: directory.isBlocked) {
            steps.append(
                Step(
                    rule: "blocklist", verdict: .stop, address: blocked, leads: [],
                    text: "\(blocked) is on the blocklist"))
            return finish("blocklisted", "\(blocked) is on the blocklist")
        }
        steps.append(
            Step(rule: "blocklist", verdict: .pass, address: nil, leads: [], text: "no address is blocklisted"))

        if message.kind == "bulk" {
            let detail = "bulk mail (mailing list or newsletter headers)"
            steps.append(Step(rule: "bulk", verdict: .stop, address: nil, leads: [], text: detail + ": never logged"))
            return finish("bulk", detail)
        }
        steps.append(Step(rule: "bulk", verdict: .pass, address: nil, leads: [], text: "not bulk mail"))

        let from = message.participants.first { $0.role == "from" }?.address
        let recipients = message.participants.filter { $0.role != "from" }.map(\.address)
        let outbound = from.map(directory.isInternal) ?? false
        let direction = outbound ? "outbound" : "inbound"
        var rep: String?
        var repReason: String?
        if outbound {
            if let from, let found = directory.rep(from) {
                (rep, repReason) = (found, "the sender \(from) is rep \(found)")
            } else if let mailbox = message.mailboxRep {
                (rep, repReason) = (mailbox, "the sender \(from ?? "-") is internal but no rep; \(mailbox)'s mailbox")
            }
        } else if let pair = recipients.lazy.compactMap({ a in directory.rep(a).map { (a, $0) } }).first {
            rep = pair.1
            repReason =
                pair.0 == pair.1 ? "the recipient \(pair.1) is a rep" : "the recipient \(pair.0) is rep \(pair.1)"
        } else if let mailbox = message.mailboxRep {
            (rep, repReason) = (mailbox, "no recipient is a rep; \(mailbox)'s mailbox")
        }
        if rep == nil { repReason = "no rep among the addresses or the mailbox: each lead's owner" }
        func explained() -> MatchExplanation {
            MatchExplanation(steps: steps, direction: direction, rep: rep, repReason: repReason, result: result)
        }

        if message.kind == "bounce" {
            var leads: [Int64] = []
            for address in message.failedRecipients {
                let found = directory.leads(address: address)
                if found.isEmpty {
                    steps.append(
                        Step(
                            rule: "bounce", verdict: .noMatch, address: address, leads: [],
                            text: "delivery to \(address) failed; no lead has this address"))
                } else {
                    result.undeliverable.append(address)
                    steps.append(
                        Step(
                            rule: "bounce", verdict: .matched, address: address, leads: found,
                            text: "delivery to \(address) failed: \(leadList(found))"))
                }
                for lead in found where !leads.contains(lead) { leads.append(lead) }
            }
            guard !leads.isEmpty else {
                let detail =
                    message.failedRecipients.isEmpty
                    ? "a bounce naming no failed recipient"
                    : "a bounce for \(message.failedRecipients.joined(separator: ", ")), no lead's address"
                if message.failedRecipients.isEmpty {
                    steps.append(Step(rule: "bounce", verdict: .noMatch, address: nil, leads: [], text: detail))
                }
                result.outcome = "no_known_party"
                result.detail = detail
                return explained()
            }
            result.interactions = leads.map {
                InteractionRecord(
                    leadID: $0, type: "email", direction: "inbound", rep: rep ?? directory.owner(of: $0),
                    time: message.sentAt ?? 0, kind: "bounce", match: "address")
            }
            result.detail = "bounce for \(result.undeliverable.joined(separator: ", "))"
            return explained()
        }
        steps.append(Step(rule: "bounce", verdict: .pass, address: nil, leads: [], text: "not a bounce"))

        var externals: [String] = []
        for address in addresses where !directory.isInternal(address) && !externals.contains(address) {
            externals.append(address)
        }
        guard !externals.isEmpty else {
            steps.append(
                Step(
                    rule: "internal", verdict: .stop, address: nil, leads: [],
                    text: "only internal addresses (\(Self.unique(addresses).joined(separator: ", ")))"))
            result.outcome = "internal"
            result.detail = "only internal addresses"
            return explained()
        }
        steps.append(
            Step(
                rule: "internal", verdict: .pass, address: nil, leads: [],
                text: "external: \(externals.joined(separator: ", "))"))

        var matched: [(lead: Int64, match: String, via: String)] = []
        var unmatched: [String] = []
        for address in externals {
            let leads = directory.leads(address: address)
            if leads.isEmpty {
                unmatched.append(address)
                steps.append(
                    Step(
                        rule: "address", verdict: .noMatch, address: address, leads: [],
                        text: "no lead with address \(address)"))
            } else {
                steps.append(
                    Step(
                        rule: "address", verdict: .matched, address: address, leads: leads,
                        text: "\(address) is the address of \(leadList(leads))"))
            }
            for lead in leads where !matched.contains(where: { $0.lead == lead }) {
                matched.append((lead, "address", address))
            }
        }
        for address in unmatched {
            guard let domain = EmailAddress.domain(of: address) else {
                steps.append(
                    Step(
                        rule: "domain", verdict: .noMatch, address: address, leads: [], text: "\(address) has no domain"
                    ))
                continue
            }
            if directory.isFreemail(domain) {
                steps.append(
                    Step(
                        rule: "domain", verdict: .noMatch, address: address, leads: [],
                        text: "\(domain) is free mail: never matched by company domain"))
                continue
            }
            let company = directory.leads(domain: domain)
            if company.isEmpty {
                steps.append(
                    Step(
                        rule: "domain", verdict: .noMatch, address: address, leads: [],
                        text: "no lead with company domain \(domain)"))
                continue
            }
            let owned = company.filter { rep != nil && directory.owner(of: $0) == rep }
            let chosen = (owned.isEmpty ? company : owned).filter { lead in !matched.contains { $0.lead == lead } }
            for lead in chosen { matched.append((lead, "domain", address)) }
            var text = "\(address) works at \(domain), the company domain of \(leadList(company))"
            if !owned.isEmpty && owned.count < company.count { text += "; only those \(rep ?? "-") owns" }
            if chosen.isEmpty { text += "; already matched" }
            steps.append(
                Step(
                    rule: "domain", verdict: chosen.isEmpty ? .noMatch : .matched, address: address, leads: chosen,
                    text: text))
        }

        if matched.isEmpty {
            let leads = try threadLeads(message.refs)
            if message.refs.isEmpty {
                steps.append(
                    Step(
                        rule: "thread", verdict: .noMatch, address: nil, leads: [],
                        text: "no In-Reply-To or References"))
            } else if leads.isEmpty {
                let stored = try storedReferences(message.refs)
                steps.append(
                    Step(
                        rule: "thread", verdict: .noMatch, address: nil, leads: [],
                        text: stored.isEmpty
                            ? "no stored message among References (\(message.refs.count) id\(message.refs.count == 1 ? "" : "s"))"
                            : "the stored messages it answers (\(stored.joined(separator: ", "))) concern no lead"))
            } else {
                steps.append(
                    Step(
                        rule: "thread", verdict: .matched, address: nil, leads: leads,
                        text: "it answers stored messages of \(leadList(leads))"))
            }
            for lead in leads { matched.append((lead, "thread", message.refs.joined(separator: " "))) }
        } else {
            steps.append(
                Step(
                    rule: "thread", verdict: .notTried, address: nil, leads: [],
                    text: "not tried: matched by address or domain"))
        }

        if matched.isEmpty {
            let sales = recipients.first(where: directory.isSalesAddress)
            var text: String
            if !directory.autoCreateLeads {
                text = "auto_create_leads is off"
            } else if outbound {
                text = "outbound mail creates no lead"
            } else if message.kind != "message" {
                text = "an \(message.kind) creates no lead"
            } else if from == nil {
                text = "no sender"
            } else if sales == nil {
                text = "not written to a sales address"
            } else {
                result.createLead = (from!, message.participants.first { $0.role == "from" }?.name)
                text = "\(from!) wrote to \(sales!): a scan creates a lead for \(from!), then matches it by address"
            }
            steps.append(
                Step(
                    rule: "auto_create", verdict: result.createLead == nil ? .noMatch : .matched, address: from,
                    leads: [], text: text))
            result.outcome = "no_known_party"
            result.detail = "no lead among \(externals.joined(separator: ", "))"
            return explained()
        }
        steps.append(
            Step(rule: "auto_create", verdict: .notTried, address: nil, leads: [], text: "not tried: a lead matched"))
        result.interactions = matched.map {
            InteractionRecord(
                leadID: $0.lead, type: "email", direction: direction, rep: rep ?? directory.owner(of: $0.lead),
                time: message.sentAt ?? 0, kind: message.kind, match: $0.match)
        }
        result.detail = matched.map { "lead #\($0.lead) by \($0.match) (\($0.via))" }.joined(separator: "; ")
        return explained()
    }

    static func unique(_ list: [String]) -> [String] {
        var seen = Set<String>()
        return list.filter { seen.insert($0).inserted }
    }
}
