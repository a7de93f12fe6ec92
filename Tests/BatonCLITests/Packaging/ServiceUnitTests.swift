import Foundation
import TestSupport
import Testing

/// The systemd units and the shipped `/etc/baton/baton.json`: the scan runs as `baton` with no option that
/// would stop postfix's setgid `postdrop`, every five minutes, and does nothing until the configuration is edited.
@Suite struct ServiceUnitTests {
    /// Options that set NoNewPrivileges=yes for a service with `User=` (systemd.exec(5), NoNewPrivileges=),
    /// and PrivateUsers=, under which postdrop's group is not mapped.
    static let breakingPostdrop = [
        "NoNewPrivileges", "DynamicUser", "LockPersonality", "MemoryDenyWriteExecute", "PrivateDevices",
        "ProtectClock", "ProtectHostname", "ProtectKernelLogs", "ProtectKernelModules", "ProtectKernelTunables",
        "RestrictAddressFamilies", "RestrictNamespaces", "RestrictRealtime", "RestrictSUIDSGID",
        "SystemCallArchitectures", "SystemCallFilter", "SystemCallLog", "PrivateUsers",
    ]

    /// A unit file's `Key=value` settings in order (comments and section headers left out).
    static func settings(_ text: String) -> [(key: String, value: String)] {
        text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), !line.hasPrefix("["), let equals = line.firstIndex(of: "=") else { return nil }
            return (String(line[..<equals]), String(line[line.index(after: equals)...]))
        }
    }

    /// The settings of `text` that would break postdrop: any of `breakingPostdrop` set to anything but off.
    static func breaking(_ text: String) -> [String] {
        let off: Set<String> = ["", "no", "false", "off", "0"]
        return settings(text).filter { breakingPostdrop.contains($0.key) && !off.contains($0.value.lowercased()) }
            .map { "\($0.key)=\($0.value)" }
    }

    static func unit(_ name: String) throws -> String {
        try ManPageTests.read("Packaging/systemd/" + name)
    }

    @Test("the service sets no option that implies NoNewPrivileges=yes (postfix's setgid postdrop must work)")
    func noNewPrivileges() throws {
        let service = try Self.unit("baton-scan.service")
        #expect(Self.breaking(service) == [])
        // The check sees such an option, wherever it is and whatever its spelling of yes.
        #expect(
            Self.breaking(service + "SystemCallFilter=@system-service\nPrivateDevices=true\n") == [
                "SystemCallFilter=@system-service", "PrivateDevices=true",
            ])
        #expect(
            Self.breaking(service.replacingOccurrences(of: "NoNewPrivileges=no", with: "NoNewPrivileges=yes"))
                == ["NoNewPrivileges=yes"])
    }

    @Test("the service is a oneshot scan as baton in /var/lib/baton, the file system read-only around it")
    func service() throws {
        let settings = Dictionary(Self.settings(try Self.unit("baton-scan.service")).map { ($0.key, $0.value) }) {
            $0 + " " + $1
        }
        #expect(settings["Type"] == "oneshot")
        #expect(settings["User"] == "baton")
        #expect(settings["WorkingDirectory"] == "/var/lib/baton")
        #expect(settings["ExecStart"] == "/usr/bin/baton scan --config /etc/baton/baton.json")
        #expect(settings["ProtectSystem"] == "strict")
        #expect(settings["PrivateTmp"] == "yes")
        #expect(settings["UMask"] == "0077")
        #expect(
            settings["ReadWritePaths"]
                == "/var/lib/baton -/var/spool/postfix/maildrop -/var/spool/postfix/public -/var/spool/exim4 "
                + "-/var/log/exim4 -/var/spool/nullmailer")
    }

    @Test("the timer runs the scan every five minutes, catches up after downtime, and is enabled by timers.target")
    func timer() throws {
        let settings = Dictionary(Self.settings(try Self.unit("baton-scan.timer")).map { ($0.key, $0.value) }) {
            $1
        }
        #expect(settings["OnCalendar"] == "*:0/5")
        #expect(settings["Persistent"] == "true")
        #expect(settings["RandomizedDelaySec"] == "30s")
        #expect(settings["WantedBy"] == "timers.target")
    }

    @Test("the shipped /etc/baton/baton.json is valid, and a scan with it exits 0, silent, reading nothing")
    func shippedConfiguration() throws {
        let folder = try TemporaryFolder()
        let shipped = try ManPageTests.read("Packaging/baton.json")
        #expect(shipped.contains("\"store\": \"/var/lib/baton/baton.sqlite\""))
        let local = shipped.replacingOccurrences(of: "/var/lib/baton/baton.sqlite", with: folder.file("baton.sqlite"))
        try folder.write("baton.json", local)
        let check = try BatonProcess.run(["config", "check", "--config", "baton.json"], in: folder.path)
        #expect(check.status == 0)
        #expect(check.stderr == "")
        let scan = try BatonProcess.run(["scan", "--config", "baton.json"], in: folder.path)
        #expect(scan.status == 0)
        #expect(scan.stdout == "")
        #expect(scan.stderr == "")
        let json = try BatonProcess.run(["scan", "--config", "baton.json", "--json"], in: folder.path)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect((object["sources"] as! [Any]).isEmpty)
        #expect(object["notifications"] as! [String: Int] == ["queued": 0, "sent": 0, "failed": 0])
    }
}
