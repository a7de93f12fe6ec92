import BatonCore

/// A host that scans into a shared store under a node name, as the store registered it.
public struct NodeRecord: Sendable, Equatable {
    /// The node's name (`node` in the configuration, or the host name).
    public let name: String
    /// The registering host's `/etc/machine-id`.
    public let machineID: String
    /// The registering host's name, for people reading `store check`.
    public let hostName: String
    /// The `--now` of its last scan that completed, if any.
    public let lastScanAt: Int64?
}

/// A node name already registered by another host (exit 78): two hosts under one name would share cursors.
public struct NodeClaimedError: BatonError {
    public let node: String
    public let registered: (machineID: String, hostName: String)
    public let claimant: (machineID: String, hostName: String)
    public var failureKind: FailureKind { .configuration }
    public var description: String {
        "node '\(node)' is registered in this store by host \(registered.hostName) (machine id \(registered.machineID)); "
            + "this host, \(claimant.hostName) (machine id \(claimant.machineID)), needs a node of its own: set "
            + "\"node\" in its configuration"
    }
}

extension StoreSettings {
    static func nodeKey(_ name: String) -> String { "node:" + name }
    static func nodeScanKey(_ name: String) -> String { "node_scan:" + name }

    /// Registers `name` for the host with `machineID` at its first scan, or checks that it is that host's: another
    /// host claiming a registered name is refused, even when the two never scan at once. The first of two hosts
    /// registering at the same moment wins (the insert ignores a conflict, then the row is read back).
    public func registerNode(_ name: String, machineID: String, hostName: String) throws {
        try database.execute(
            "INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", Self.nodeKey(name), machineID + " " + hostName)
        let stored = try value(Self.nodeKey(name)) ?? ""
        let owner = stored.split(separator: " ", maxSplits: 1).map(String.init)
        guard owner.first == machineID else {
            throw NodeClaimedError(
                node: name, registered: (owner.first ?? "?", owner.count > 1 ? owner[1] : "?"),
                claimant: (machineID, hostName))
        }
    }

    /// Records the `--now` of `name`'s scan that just completed.
    public func recordNodeScan(_ name: String, at time: Int64) throws {
        try setValue(Self.nodeScanKey(name), String(time))
    }

    /// Every registered node, by name.
    public func nodes() throws -> [NodeRecord] {
        let rows = try database.query("SELECT key, value FROM settings WHERE key >= 'node:' AND key < 'node;'")
        return try rows.compactMap { row -> NodeRecord? in
            let name = String(try row.requiredText("key").dropFirst("node:".count))
            let owner = try row.requiredText("value").split(separator: " ", maxSplits: 1).map(String.init)
            return NodeRecord(
                name: name, machineID: owner.first ?? "", hostName: owner.count > 1 ? owner[1] : "",
                lastScanAt: Int64(try value(Self.nodeScanKey(name)) ?? ""))
        }.sorted { $0.name < $1.name }
    }
}
