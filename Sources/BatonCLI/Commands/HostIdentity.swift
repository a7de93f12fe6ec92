import Foundation

/// This host as a shared store knows it: its machine id (systemd's `/etc/machine-id`, or D-Bus's copy; the host
/// name where neither exists) and its name.
struct HostIdentity {
    let machineID: String
    let name: String

    static func current() -> HostIdentity {
        var buffer = [UInt8](repeating: 0, count: 256)
        let name =
            gethostname(&buffer, buffer.count) == 0
            ? String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self) : "localhost"
        for path in ["/etc/machine-id", "/var/lib/dbus/machine-id"] {
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                let id = text.trimmingCharacters(in: .whitespacesAndNewlines)
                if !id.isEmpty, id.allSatisfy({ $0.isHexDigit }) { return HostIdentity(machineID: id, name: name) }
            }
        }
        return HostIdentity(machineID: "host-" + name, name: name)
    }
}
