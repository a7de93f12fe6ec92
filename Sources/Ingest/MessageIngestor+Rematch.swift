import BatonCore
import Store

/// Matching stored messages again when what matching reads changed. A change to reps or to the configuration's
/// matching settings can concern any message: every stored message is matched again (`matchAgain`). A change to a
/// few leads (the everyday CRM export) concerns only the messages those leads can match: those with an interaction
/// of one of them, those with a party at one of their addresses or company domains, the bounces for one of their
/// addresses, and the replies that took their leads from a message whose match changed (`matchChanged`). The match
/// snapshot (`store.people`'s match lines) says which leads changed; its lines hashed with the reps and the
/// configuration must give the stored fingerprint, else it is not trusted and every message is matched again.
extension MessageIngestor {
    /// Past this many changed leads, every message is matched again: finding their messages reads the parties once
    /// per `MessageLog.inListSize` domains, and would cost as much.
    static let maxChangedLeads = 5_000
    /// How many times, at most, the replies to messages whose match changed are matched again in turn.
    static let maxThreadRounds = 50

    /// The leads whose line differs from the match snapshot's (new leads included), when the snapshot is the one
    /// the stored matches (fingerprint `previous`) were made with, only leads changed since, none was deleted and
    /// not too many changed; nil when every message must be matched again.
    func changedLeads(_ directory: MatchDirectory, previous: String) throws -> [LeadDirectoryEntry]? {
        var hasher = SHA256()
        var old: [Int64: String] = [:]
        try store.people.forEachMatchLine { id, line in
            hasher.update(line)
            old[id] = line
        }
        guard directory.fingerprint(overLeadLines: hasher) == previous else { return nil }
        var changed: [LeadDirectoryEntry] = []
        var tooMany = false
        try store.people.forEachLead { lead in
            let line = try directory.line(of: lead)
            guard old.removeValue(forKey: lead.id) != line else { return }
            if changed.count < Self.maxChangedLeads { changed.append(lead) } else { tooMany = true }
        }
        // A deleted lead took its interactions with it: the messages it concerned can no longer be found by them.
        guard old.isEmpty, !tooMany else { return nil }
        return changed
    }

    /// Inside the caller's transaction: matches again the stored messages that `leads` (changed since the stored
    /// matches were made) can concern, with `directory`, and records their lines in the snapshot. Returns how many
    /// messages changed.
    func matchChanged(_ leads: [LeadDirectoryEntry], directory: MatchDirectory) throws -> Int {
        let rules = directory.rules
        var keys: Set<String> = []
        var companies: Set<String> = []
        // The domains whose parties are read from the store: the leads' addresses' and their company domains.
        var searched: Set<String> = []
        for lead in leads {
            for address in lead.addresses {
                let key = rules.key(address)
                keys.insert(key)
                guard let domain = EmailAddress.domain(of: key) else { continue }
                searched.insert(domain)
                // `key` folds googlemail.com into gmail.com; the store holds what the mail said.
                if domain == "gmail.com" { searched.insert("googlemail.com") }
            }
            if let domain = lead.companyDomain?.lowercased(), !directory.isFreemail(domain) {
                companies.insert(domain)
                searched.insert(domain)
            }
        }
        var candidates = try store.mail.messageIDs(interactingWith: leads.map(\.id))
        if !searched.isEmpty {
            try store.mail.forEachParty(inDomains: searched) { id, address in
                if keys.contains(rules.key(address)) {
                    candidates.insert(id)
                } else if let domain = EmailAddress.domain(of: address), companies.contains(domain.lowercased()) {
                    candidates.insert(id)
                }
            }
        }
        if !keys.isEmpty {
            try store.mail.forEachBounce { id, failed in
                if failed.contains(where: { keys.contains(rules.key($0)) }) { candidates.insert(id) }
            }
        }
        var rematched: Set<Int64> = []
        var next = candidates
        // A reply matched by thread takes the leads of the messages it names: when theirs changed, so may its own,
        // even when it was matched again already (before the message it names, in a longer chain). Threads form no
        // cycle in practice; the rounds are bounded all the same.
        for _ in 0..<Self.maxThreadRounds where !next.isEmpty {
            var changedThreads: [String] = []
            try store.mail.forEachMessage(inMatchOrder: try store.mail.matchOrder(next)) { page in
                for message in page {
                    guard let id = message.id, Self.rematchable(message.outcome), try applyMatch(message) else {
                        continue
                    }
                    rematched.insert(id)
                    if let messageID = message.messageID { changedThreads.append(messageID) }
                }
            }
            next = try store.mail.messagesReferencing(changedThreads)
        }
        try store.people.setMatchEntries(leads.map(directory.entry))
        return rematched.count
    }

    /// Inside the caller's transaction: matches every stored message again with `directory` (when `messages`),
    /// and records the matches as made with it (or with the directory a lead created meanwhile made of it) and
    /// `inputs`, the `matchInputs` read before it was loaded. Returns how many messages changed.
    func matchAgain(_ directory: MatchDirectory, inputs: String, messages: Bool = true) throws -> Int {
        var rematched = 0
        if messages {
            try store.mail.forEachMessagePage { page in
                for message in page where Self.rematchable(message.outcome) {
                    if try applyMatch(message) { rematched += 1 }
                }
            }
        }
        let final = builtDirectory ?? directory
        try store.people.replaceMatchEntries { add in
            try store.people.forEachLead { lead in try add(try final.entry(lead)) }
        }
        try recordMatches(final, inputs: inputs, snapshotComplete: true)
        return rematched
    }

    /// Records, inside the caller's transaction, that the stored matches are the ones `directory` makes, with
    /// `inputs` (`matchInputs`) read before the directory was loaded: never a later reading, which on a shared
    /// store may hold another node's import that the directory does not (the next batch then follows it).
    /// `snapshotComplete` says that the match snapshot holds the entry of every lead of `directory` as it makes
    /// it: then a later scan that finds nothing changed may look leads up in it (`MatchLookup`); else none may.
    func recordMatches(_ directory: MatchDirectory, inputs: String, snapshotComplete: Bool) throws {
        try store.settings.setMatchFingerprint(directory.fingerprint)
        matchedWith = inputs
        try store.settings.setMatchInputs(inputs)
        if snapshotComplete, let hash = directory.savedLeadsHash {
            let lookup = MatchLookup(
                fingerprint: directory.fingerprint, inputs: inputs, lastID: directory.lastLeadID, leadsHash: hash)
            try store.settings.setMatchLookup(lookup.text)
        } else {
            try store.settings.setMatchLookup("")
        }
    }

    /// Whether the match snapshot holds every lead's entry as the directory with `fingerprint` makes them: what the
    /// last `recordMatches` said, read inside the caller's transaction.
    func snapshotComplete(for fingerprint: String) throws -> Bool {
        MatchLookup(try store.settings.matchLookup)?.fingerprint == fingerprint
    }

    static func rematchable(_ outcome: MessageOutcome) -> Bool { outcome != .loop }
}
