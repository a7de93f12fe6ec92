import BatonCore
import Store

extension MessageIngestor {
    /// The record as `privacy.subjects` lets it be stored: the subject, a salted hash of its thread key (forwarded
    /// originals meet their mailbox copies by it), or nothing.
    func privacySubjects(_ record: MessageRecord) -> MessageRecord {
        var record = record
        switch config.privacy.subjects {
        case .store:
            break
        case .hash:
            record.subject = nil
            record.subjectKey = record.subjectKey.map { "h:" + SHA256.hex("\(subjectSalt)\n\($0)") }
        case .drop:
            record.subject = nil
            record.subjectKey = nil
        }
        return record
    }

    /// The record without forgotten people, or nil when its only external parties are forgotten ones (then
    /// nothing of it is stored, not even its Message-ID).
    func withoutForgotten(_ record: MessageRecord) throws -> MessageRecord? {
        guard !forgotten.isEmpty else { return record }
        // A bounce's sender is the mailer, not a party: the recipients it reports are.
        let parties =
            record.participants.filter { !(record.kind == .bounce && $0.role == .from) }.map(\.address)
            + record.failedRecipients
        let directory = try self.directory
        let external = parties.filter { !directory.isInternal($0) }
        let gone = external.filter(isForgotten)
        if gone.isEmpty { return record }
        if gone.count == external.count { return nil }
        var kept = record
        kept.participants.removeAll { isForgotten($0.address) }
        kept.failedRecipients.removeAll(where: isForgotten)
        if let from = kept.fromAddress, isForgotten(from) { kept.fromAddress = nil }
        return kept
    }

    /// Whether an address is a forgotten person's, hashed once per address and scan.
    func isForgotten(_ address: String) -> Bool {
        if let known = forgottenSeen[address] { return known }
        let found = forgotten.contains(address)
        forgottenSeen[address] = found
        return found
    }

    /// An iCalendar input without the events and lines of forgotten people.
    func withoutForgotten(calendar bytes: [UInt8]) throws -> [UInt8] {
        guard !forgotten.isEmpty else { return bytes }
        return CalendarRedaction.redact(bytes, isPerson: isForgotten, isInternal: try directory.isInternal)
            ?? bytes
    }
}
