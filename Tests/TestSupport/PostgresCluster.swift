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

    /// The environment of the programs `run` starts.
    static let environment = ["PATH=/usr/bin:/bin", "LC_ALL=C.UTF-8", "TZ=UTC"]

    /// Runs `arguments` (an absolute path first) with its output in a file and every other descriptor closed, and
    /// waits for it; its output, or an error with it when it fails. Not `Process`: Foundation learns that a child
    /// ended when a socket the child inherits closes, and the server `pg_ctl start` leaves running would hold it
    /// open for ever (as it would hold any other test's descriptors).
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("baton-pg-\(UUID().uuidString).log")
            .path
        defer { try? FileManager.default.removeItem(atPath: log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Every other descriptor open now (glibc ignores one closed in the meantime).
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap({ Int32($0) }) where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] =
            Self.environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw PostgresServerError(
                sql: arguments.joined(separator: " "), message: String(cString: strerror(spawned)))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        // Exited (no signal) with status 0.
        guard status & 0x7f == 0 && (status >> 8) & 0xff == 0 else {
            throw PostgresServerError(sql: arguments.joined(separator: " "), message: "status \(status): \(output)")
        }
        return output
    }
}
