import BatonCore

extension MessageRecord {
    /// The record with a journal copy's envelope recipients that are in neither its To nor its Cc added as `bcc`
    /// participants, each once, in address order: two copies read in either order give the same participants.
    func addingEnvelopeRecipients(_ recipients: [String]) -> MessageRecord {
        let inHeaders = Set(participants.filter { $0.role == .to || $0.role == .cc }.map(\.address))
        let extra = Set(recipients.map { $0.lowercased() }).subtracting(inHeaders).sorted()
        guard !extra.isEmpty else { return self }
        var record = self
        record.participants += extra.map { ParticipantRecord(role: .bcc, address: $0, name: nil) }
        return record
    }
}
