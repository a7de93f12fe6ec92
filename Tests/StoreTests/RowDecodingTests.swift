import BatonCore
import TestSupport
import Testing

@testable import Store

@Suite struct RowDecodingTests {
    @Test("a row is read by column name, a vocabulary word decodes into its enum")
    func byName() throws {
        let folder = try TemporaryFolder()
        let store = try BatonStore(path: folder.file("r.sqlite"))
        let row = try #require(
            try store.database.query("SELECT 7 AS id, 'auto_reply' AS kind, NULL AS direction").first)
        #expect(try row.requiredInt("id") == 7)
        #expect(try row.word("kind", as: MessageKind.self) == .autoReply)
        #expect(try row.optionalWord("direction", as: Direction.self) == nil)
        #expect(row.text("missing") == nil)
    }

    @Test("a NULL where a value belongs, or a word outside the vocabulary, is a store error naming the column")
    func badValues() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("r.sqlite")
        let store = try BatonStore(path: path)
        let row = try #require(try store.database.query("SELECT NULL AS sent_at, 'qualified' AS stage").first)
        #expect(
            throws: StoreError(
                kind: .badValue(column: "sent_at"), path: path, message: "column sent_at: expected an integer")
        ) {
            try row.requiredInt("sent_at")
        }
        #expect(
            throws: StoreError(
                kind: .badValue(column: "stage"), path: path, message: "column stage: 'qualified' is not a known Stage")
        ) {
            try row.word("stage", as: Stage.self)
        }
        #expect(StoreError(kind: .badValue(column: "stage"), path: path, message: "x").failureKind == .badInput)
    }

    @Test("keys resolved once for a query read every row like names do, and a bad value still names its column")
    func resolvedColumns() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("r.sqlite")
        let store = try BatonStore(path: path)
        let rows = try store.database.query(
            "SELECT 1 AS id, 'email' AS type UNION ALL SELECT 2, 'meeting' UNION ALL SELECT NULL, 'manual' ORDER BY 1")
        let columns = ResultColumns(rows)
        let (id, type, missing) = (columns["id"], columns["type"], columns["missing"])
        #expect(try rows.map { try $0.word(type, as: InteractionType.self) } == [.manual, .email, .meeting])
        #expect(rows.map { $0.int(id) } == rows.map { $0.int("id") })
        #expect(rows.allSatisfy { $0.text(missing) == nil })
        #expect(
            throws: StoreError(kind: .badValue(column: "id"), path: path, message: "column id: expected an integer")
        ) {
            try rows[0].requiredInt(id)
        }
        #expect(ResultColumns([])["id"].index == nil)
    }
}
