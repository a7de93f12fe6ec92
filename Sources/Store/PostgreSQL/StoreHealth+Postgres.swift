import BatonCore

extension StoreHealth {
    /// `store check` on PostgreSQL, writing nothing: the schema version, every table of the store's schema
    /// counted, each source's cursor. The server keeps its own pages and foreign keys whole (it refuses a row whose
    /// parent is missing), so integrity is `ok` once every table reads.
    static func checkPostgres(uri: String) throws(StoreError) -> StoreHealth {
        let database = try PostgresDatabase(uri: uri)
        var health = StoreHealth(
            path: uri, schemaVersion: 0, supportedSchemaVersion: PostgresSchema.currentVersion, integrity: ["ok"],
            foreignKeyViolations: [], tables: [], walBytes: 0, sources: [], problems: [])
        if try database.scalar("SELECT to_regclass('schema_migrations') IS NOT NULL")?.int64 == 1 {
            health.schemaVersion = Int(try database.scalar("SELECT max(version) FROM schema_migrations")?.int64 ?? 0)
        }
        if health.schemaVersion > PostgresSchema.currentVersion {
            throw StoreError(
                kind: .newerVersion(found: health.schemaVersion, supported: PostgresSchema.currentVersion), path: uri,
                message: "written by a newer Baton (schema version \(health.schemaVersion)); upgrade Baton")
        }
        do {
            let names = try database.query(
                """
                SELECT table_name::text AS name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'
                ORDER BY table_name::text COLLATE "C"
                """
            ).compactMap { $0.text("name") }
            health.tables = countRows(names, in: database)
        } catch {
            health.problems.append("tables: \(error.message)")
        }
        health.readSources(database)
        do {
            health.nodes = try StoreSettings(database: database).nodes()
        } catch {
            health.problems.append("nodes: \(error)")
        }
        return health
    }
}
