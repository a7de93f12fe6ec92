import BatonCore

/// One address of a message as `baton export` shows it.
public struct ExportParty: Sendable, Equatable {
    public var name: String?
    public var address: String
}

/// A stored message that names a person (`baton export`).
public struct ExportMessage: Sendable, Equatable {
    public var messageID: String?
    public var sentAt: Int64?
    public var from: [ExportParty]
    public var to: [ExportParty]
    public var cc: [ExportParty]
    /// Envelope recipients of a journal copy in neither To nor Cc.
    public var bcc: [ExportParty] = []
    /// Nil when `privacy.subjects` kept none.
    public var subject: String?
}

extension PersonalData {
    /// Every stored message naming the person, in time order.
    public func exportMessages(_ person: PersonSelector) throws -> [ExportMessage] {
        try personMessages(person).compactMap { id -> ExportMessage? in
            guard
                let row = try database.query("SELECT message_id, sent_at, subject FROM messages WHERE id = ?", id).first
            else { return nil }
            var parties: [String: [ExportParty]] = [:]
            for p in try database.query(
                "SELECT role, address, name FROM message_addresses WHERE message_id = ? ORDER BY role, position", id)
            {
                parties[try p.requiredText("role"), default: []].append(
                    ExportParty(name: p.text("name"), address: try p.requiredText("address")))
            }
            return ExportMessage(
                messageID: row.text("message_id"), sentAt: row.int("sent_at"), from: parties["from"] ?? [],
                to: parties["to"] ?? [],
                cc: parties["cc"] ?? [], bcc: parties["bcc"] ?? [], subject: row.text("subject"))
        }.sorted { ($0.sentAt ?? 0, $0.messageID ?? "") < ($1.sentAt ?? 0, $1.messageID ?? "") }
    }

    /// Every stored meeting occurrence the person attends or organizes, in time order.
    public func exportMeetings(_ person: PersonSelector) throws -> [MeetingRecord] {
        let ids = Set(try personMeetings(person))
        return try MessageLog(database: database).meetings().filter { $0.id.map(ids.contains) ?? false }.sorted {
            ($0.startAt, $0.uid) < ($1.startAt, $1.uid)
        }
    }
}
