import BatonCore
import Store

extension MessageIngestor {
    /// Another copy of a stored message arrived (the same message in a journal and a rep's mailbox, or journaled
    /// twice): the stored message takes the copy's envelope recipients it lacks, and the copy's mailbox rep when it
    /// has none or when the copy's rep's address sorts first, and is matched again when either changed. The result
    /// never depends on which copy came first: the envelope recipients are kept as a set (in address order), and of
    /// two reps' mailboxes holding the same message (mail to a shared alias) the rep whose address sorts first
    /// stands.
    ///
    /// The ordinary mailbox path stays cheap: a copy without envelope recipients, of a message that has a mailbox
    /// rep, costs nothing here (the stored copy's `mailbox_rep` comes with the dedupe lookup).
    func mergeCopy(_ record: MessageRecord, into stored: StoredCopy) throws {
        let envelope = record.participants.filter { $0.role == .bcc }.map(\.address)
        let newRep = record.mailboxRep.flatMap { rep in stored.mailboxRep.map { rep < $0 } ?? true ? rep : nil }
        guard !envelope.isEmpty || newRep != nil else { return }
        guard var message = try store.mail.storedMessage(id: stored.id)?.record else { return }
        var changed = false
        let inHeaders = Set(message.participants.filter { $0.role == .to || $0.role == .cc }.map(\.address))
        let known = Set(message.participants.filter { $0.role == .bcc }.map(\.address))
        let added = Set(envelope).subtracting(inHeaders).subtracting(known)
        if !added.isEmpty {
            let all = known.union(added).sorted()
            try store.mail.replaceEnvelopeRecipients(messageID: stored.id, with: all)
            message.participants.removeAll { $0.role == .bcc }
            message.participants += all.map { ParticipantRecord(role: .bcc, address: $0, name: nil) }
            changed = true
        }
        if let newRep {
            try store.mail.setMailboxRep(messageID: stored.id, rep: newRep)
            message.mailboxRep = newRep
            changed = true
        }
        guard changed else { return }
        try applyMatch(message)
        // The message may now belong to a lead: orphans answering it can find their thread.
        try notePending(.orphans)
        storedNewMessages = true
    }
}
