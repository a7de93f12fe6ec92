import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A private PostgreSQL cluster for a test that must stop or crash its server, which the shared one on 55432
/// (`PostgresServer`) must never be: `initdb` into a temporary folder, `pg_ctl start` on a free loopback port, every
/// local connection trusted, the superuser `baton`. As root the cluster runs as the unprivileged system user
/// `batonpg` (`Scripts/postgres-setup` creates it), which owns the folder. `remove()` stops it and deletes the folder;
/// call it in a `defer`.
public final class PostgresCluster {
    /// The temporary folder: the data directory, the server's log and its Unix socket.
    public let folder: String
    /// The loopback port the server listens on.
    public let port: Int
    private let bin: String
    private var data: String { folder + "/data" }

    /// The maintenance database's URI.
    public var uri: String { "postgresql://baton@127.0.0.1:\(port)/postgres" }

    /// Creates the cluster and starts it.
    public init() throws {
        bin = try Self.binaries()
        port = try Self.freePort()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("baton-pg-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        if getuid() == 0 {
            try Self.run(["/usr/bin/chown", "batonpg:batonpg", folder])
        }
        try pg(["initdb", "-D", data, "-U", "baton", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "-N"])
        try start()
    }

    /// Starts the server (again) and waits until it accepts connections.
    public func start() throws {
        let options =
            "-c listen_addresses=127.0.0.1 -c port=\(port) -c unix_socket_directories=\(folder) -c fsync=off "
            + "-c max_connections=50 -c shared_buffers=16MB"
        try pg(["pg_ctl", "-D", data, "-l", folder + "/server.log", "-w", "-t", "60", "start", "-o", options])
    }

    /// Stops the server: `immediate` kills it as a crash would (recovery on the next start), `fast` closes its
    /// connections and shuts down cleanly.
    public func stop(mode: String = "immediate") throws {
        try pg(["pg_ctl", "-D", data, "-w", "-t", "60", "stop", "-m", mode])
    }

    /// Stops the server if it runs and deletes the folder.
    public func remove() {
        _ = try? pg(["pg_ctl", "-D", data, "-w", "-t", "60", "stop", "-m", "immediate"])
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Creates an empty database and returns its URI.
    public func createDatabase() throws -> String {
        let name = "baton_t_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        try PostgresServer.psql("CREATE DATABASE \(name)", database: uri)
        return "postgresql://baton@127.0.0.1:\(port)/\(name)"
    }

    /// Runs PostgreSQL's program `arguments[0]` from the newest installed version, as `batonpg` when root.
    @discardableResult
    private func pg(_ arguments: [String]) throws -> String {
        let program = [bin + "/" + arguments[0]] + arguments.dropFirst()
        return try Self.run(getuid() == 0 ? ["/usr/sbin/runuser", "-u", "batonpg", "--"] + program : program)
    }

    /// The `bin` folder of the newest PostgreSQL under /usr/lib/postgresql.
    static func binaries() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .filter { FileManager.default.isExecutableFile(atPath: "\(root)/\($0)/bin/initdb") }
            .sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }
        guard let newest = versions.last else {
            throw PostgresServerError(sql: "initdb", message: "no PostgreSQL under \(root)")
        }
        return "\(root)/\(newest)/bin"
    }

    /// A loopback port nobody listens on now (the kernel's pick for a socket bound to port 0).
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw PostgresServerError(sql: "socket", message: "no socket") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(socket, generic, length) == 0 && getsockname(socket, generic, &length) == 0
            }
        }
        guard bound else { throw PostgresServerError(sql: "bind", message: "no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs `arguments` (an absolute path first) with its output in a file, never a pipe (the server it may start
    /// would hold a pipe open); its output, or an error with it when it fails.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("baton-pg-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.currentDirectoryURL = FileManager.default.temporaryDirectory
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw PostgresServerError(sql: arguments.joined(separator: " "), message: output)
        }
        return output
    }
}
