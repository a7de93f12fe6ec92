import BatonCore
import Foundation
import TestSupport
import Testing

@testable import Store

/// `clock_state` and its triggers: whatever code writes the history, the leads whose clocks read it are marked
/// dirty, and only they (with those whose next instant has come) are pending.
@Suite struct ClockStateTests {
    static let file = """
        external_id,email,stage,owner,created_at
        L1,dana@acme.com,mql,ann@example.com,2026-11-02
        L2,erik@northwind.io,mql,ann@example.com,2026-11-03
        L3,gus@initech.example.net,sql,bob@example.com,2026-11-04
        """

    /// A store with the three leads, each evaluated at `t` (L2 next due at `t + 100`), none dirty.
    static func evaluated(_ folder: TemporaryFolder, at t: Int64) throws -> BatonStore {
        let store = try BatonStore(path: folder.file("s.sqlite"))
        _ = try store.people.importLeads(ImportTests.leads(Self.file), file: "leads.csv", at: t)
        #expect(try store.clockStates.pending(now: t) == [1, 2, 3])
        try store.write {
            try store.clockStates.record(LeadClockState(leadID: 1, evaluatedAt: t, nextAt: nil, counts: [.met: 2]))
            try store.clockStates.record(
                LeadClockState(leadID: 2, evaluatedAt: t, nextAt: t + 100, counts: [.running: 1, .breached: 1]))
            try store.clockStates.record(LeadClockState(leadID: 3, evaluatedAt: t, nextAt: nil, counts: [.paused: 1]))
        }
        return store
    }

    static func dirty(_ store: BatonStore) throws -> [Int64] {
        try store.database.query("SELECT lead_id FROM clock_state WHERE dirty = 1 ORDER BY lead_id").map {
            try $0.requiredInt("lead_id")
        }
    }

    static func clean(_ store: BatonStore) throws {
        try store.database.execute("UPDATE clock_state SET dirty = 0")
    }

    @Test("recorded states are clean; pending are the dirty leads and those whose next instant has come")
    func pending() throws {
        let folder = try TemporaryFolder()
        let t = ImportTests.at("2026-11-21T08:00:00Z")
        let store = try Self.evaluated(folder, at: t)
        #expect(try store.clockStates.pending(now: t + 99) == [])
        #expect(try store.clockStates.pending(now: t + 100) == [2])
        #expect(try store.clockStates.leadCount() == 3)
        #expect(try store.clockStates.totals() == [.met: 2, .running: 1, .breached: 1, .paused: 1])
        #expect(
            try store.clockStates.states() == [
                LeadClockState(leadID: 1, evaluatedAt: t, nextAt: nil, counts: [.met: 2]),
                LeadClockState(leadID: 2, evaluatedAt: t, nextAt: t + 100, counts: [.running: 1, .breached: 1]),
                LeadClockState(leadID: 3, evaluatedAt: t, nextAt: nil, counts: [.paused: 1]),
            ])
        try store.write { try store.clockStates.invalidateAll() }
        #expect(try store.clockStates.pending(now: t) == [1, 2, 3])
        try store.write { try store.clockStates.recordEvaluation(fingerprint: "f1", at: t + 5) }
        #expect(try store.clockStates.fingerprint == "f1")
        #expect(try store.clockStates.lastEvaluatedAt == t + 5)
    }

    @Test("history written by any code marks exactly the leads that read it dirty")
    func triggers() throws {
        let folder = try TemporaryFolder()
        let t = ImportTests.at("2026-11-21T08:00:00Z")
        let store = try Self.evaluated(folder, at: t)
        let db = store.database
        #expect(try Self.dirty(store) == [])

        // A column the clocks do not read changes nothing; the owner does.
        try db.execute("UPDATE leads SET name = 'Dana' WHERE id = 1")
        #expect(try Self.dirty(store) == [])
        try db.execute("UPDATE leads SET owner_email = 'bob@example.com' WHERE id = 1")
        #expect(try Self.dirty(store) == [1])
        try Self.clean(store)

        try Self.message(db, 7)
        // An interaction is marked by the writer that stores it (`insertInteraction`), not by a trigger.
        try store.mail.insertInteraction(Self.email(lead: 2, message: 7, at: t))
        #expect(try Self.dirty(store) == [2])
        try Self.clean(store)
        // A message deleted (retention, forget) takes its interactions with it: their leads are dirty.
        try db.execute("DELETE FROM messages WHERE id = 7")
        #expect(try Self.dirty(store) == [2])
        try Self.clean(store)

        try db.execute("INSERT INTO stage_history (lead_id, new_stage, changed_at) VALUES (3, 'won', ?)", t)
        #expect(try Self.dirty(store) == [3])
        try Self.clean(store)
        try db.execute("INSERT INTO owner_history (lead_id, new_owner, changed_at) VALUES (1, 'x@example.com', ?)", t)
        #expect(try Self.dirty(store) == [1])
        try Self.clean(store)
        try db.execute("INSERT INTO lead_addresses (address, lead_id, position) VALUES ('d2@acme.com', 1, 1)")
        #expect(try Self.dirty(store) == [1])
        try Self.clean(store)

        // A meeting reaches its leads through their interactions.
        try db.execute(
            """
            INSERT INTO meetings (id, uid, recurrence_id, start_at, end_at, status, sequence)
            VALUES (4, 'u', '', ?, ?, 'scheduled', 0)
            """, t, t + 3_600)
        try db.execute(
            "INSERT INTO interactions (lead_id, type, meeting_id, time, match) VALUES (3, 'meeting', 4, ?, 'address')",
            t)
        try Self.clean(store)
        try db.execute(
            "INSERT INTO meeting_attendees (meeting_id, address, partstat, role) VALUES (4, 'gus@x', 'DECLINED', 'R')")
        #expect(try Self.dirty(store) == [3])
        try Self.clean(store)
        try db.execute("UPDATE meetings SET status = 'cancelled' WHERE id = 4")
        #expect(try Self.dirty(store) == [3])
        try Self.clean(store)
        try db.execute("DELETE FROM meetings WHERE id = 4")
        #expect(try Self.dirty(store) == [3])

        // A deleted lead takes its state with it; a new one starts dirty.
        try db.execute("DELETE FROM leads WHERE id = 2")
        #expect(try store.clockStates.leadCount() == 2)
        try Self.clean(store)
        try db.execute(
            "INSERT INTO leads (id, external_id, stage, imported_at, updated_at) VALUES (2, 'L9', 'mql', 1, 1)")
        #expect(try Self.dirty(store) == [2])
        #expect(try store.clockStates.states().map(\.leadID) == [1, 3])
    }

    /// Stores message `id` (Message-ID `<id@x>`, of `kind`, matched) with nothing else.
    static func message(_ db: any Database, _ id: Int64, kind: MessageKind = .message) throws {
        try db.execute(
            """
            INSERT INTO messages (id, dedupe_key, message_id, time_source, kind, outcome, scanned_at)
            VALUES (?, ?, ?, 'date', ?, 'matched', 1)
            """, id, "mid:\(id)@x", "\(id)@x", kind.rawValue)
    }

    static func email(lead: Int64, message: Int64, at t: Int64) -> InteractionRecord {
        InteractionRecord(
            leadID: lead, type: .email, messageID: message, direction: .inbound, rep: nil, time: t, kind: .message,
            match: .address)
    }

    @Test("a transaction marks each lead it stores interactions for once, and again after recording its state")
    func marksOncePerTransaction() throws {
        let folder = try TemporaryFolder()
        let t = ImportTests.at("2026-11-21T08:00:00Z")
        let store = try Self.evaluated(folder, at: t)
        let db = store.database
        for id in 7...9 {
            try Self.message(db, Int64(id))
        }
        // No trigger left on inserted rows: raw SQL marks nothing, the writer does.
        try db.execute(
            "INSERT INTO interactions (lead_id, type, message_id, time, match) VALUES (3, 'email', 9, ?, 'address')", t)
        #expect(try Self.dirty(store) == [])
        var updates: [Int64] = []
        try store.write {
            try store.mail.insertInteraction(Self.email(lead: 1, message: 7, at: t))
            #expect(db.transactionMemo?.markedLeads == [1])
            try Self.clean(store)
            // Marked once in this transaction: a second interaction of lead 1 does not mark it again…
            try store.mail.insertInteraction(Self.email(lead: 1, message: 8, at: t))
            updates.append(contentsOf: try Self.dirty(store))
            // …until its state is recorded in the same transaction: then the next interaction marks it.
            try store.clockStates.record(LeadClockState(leadID: 1, evaluatedAt: t, nextAt: nil, counts: [:]))
            try store.mail.insertInteraction(Self.email(lead: 1, message: 9, at: t))
            updates.append(contentsOf: try Self.dirty(store))
        }
        #expect(updates == [1])
        #expect(db.transactionMemo == nil)
        // Outside a transaction every interaction marks its lead.
        try Self.clean(store)
        try store.mail.insertInteraction(Self.email(lead: 2, message: 7, at: t))
        #expect(try Self.dirty(store) == [2])
        try Self.clean(store)
        try store.mail.insertInteraction(Self.email(lead: 2, message: 8, at: t))
        #expect(try Self.dirty(store) == [2])
        #expect(try store.mail.insertManualTouch(leadID: 3, at: t, rep: nil, note: "call"))
        #expect(try Self.dirty(store) == [2, 3])
    }

    @Test("the directory generation moves with every change matching reads, and only with those")
    func directoryGeneration() throws {
        let folder = try TemporaryFolder()
        let t = ImportTests.at("2026-11-21T08:00:00Z")
        let store = try Self.evaluated(folder, at: t)
        let db = store.database
        var last = try store.people.directoryGeneration()
        #expect(last > 0)
        func moved(_ sql: String) throws -> Bool {
            try db.execute(sql)
            let now = try store.people.directoryGeneration()
            defer { last = now }
            return now != last
        }
        #expect(try !moved("UPDATE leads SET name = 'Dana', stage = 'sql' WHERE id = 1"))
        #expect(try moved("UPDATE leads SET company_domain = 'acme.org' WHERE id = 1"))
        #expect(try moved("UPDATE leads SET owner_email = 'bob@example.com' WHERE id = 2"))
        #expect(try !moved("UPDATE leads SET owner_email = 'bob@example.com' WHERE id = 2"))
        #expect(try moved("INSERT INTO lead_addresses (address, lead_id, position) VALUES ('d2@acme.com', 1, 1)"))
        #expect(try moved("DELETE FROM lead_addresses WHERE address = 'd2@acme.com'"))
        #expect(try moved("INSERT INTO reps (email, created_at, updated_at) VALUES ('cy@example.com', 1, 1)"))
        #expect(try !moved("UPDATE reps SET name = 'Cy', manager_email = 'mia@example.com'"))
        #expect(try moved("UPDATE reps SET timezone = 'Europe/Paris' WHERE email = 'cy@example.com'"))
        #expect(try moved("DELETE FROM leads WHERE id = 3"))
    }

    @Test("a message's 37 interactions are stored in statements of up to 16, every field kept, each lead marked once")
    func insertsMany() throws {
        let folder = try TemporaryFolder()
        let t = ImportTests.at("2026-11-21T08:00:00Z")
        let store = try Self.evaluated(folder, at: t)
        let db = store.database
        for id in 4...37 {
            try db.execute(
                "INSERT INTO leads (id, external_id, stage, imported_at, updated_at) VALUES (?, ?, 'mql', 1, 1)",
                Int64(id), "L\(id)")
        }
        try Self.message(db, 7)
        try Self.clean(store)
        let list = (1...37).map { (n: Int) -> InteractionRecord in
            let direction: Direction = n % 2 == 0 ? .inbound : .outbound
            let rep: String? = n % 3 == 0 ? nil : "rep\(n)@example.com"
            let kind: MessageKind = n % 5 == 0 ? .autoReply : .message
            let match: MatchMethod = n % 4 == 0 ? .domain : .address
            return InteractionRecord(
                leadID: Int64(n), type: .email, messageID: 7, direction: direction, rep: rep, time: t + Int64(n),
                kind: kind, match: match, note: n == 17 ? "seventeen" : nil)
        }
        try store.write { try store.mail.insertInteractions(list) }
        #expect(try store.mail.interactions(messageID: 7) == list)
        #expect(try Self.dirty(store) == Array(1...37))
        #expect(try db.scalar("SELECT COUNT(*) FROM interactions")?.int64 == 37)
        // In the order given: the row ids follow the list.
        let leads = try db.query("SELECT lead_id FROM interactions ORDER BY id").map { try $0.requiredInt("lead_id") }
        #expect(leads == Array(1...37))
    }
}
