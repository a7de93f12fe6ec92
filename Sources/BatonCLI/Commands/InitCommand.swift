import BatonCore
import Foundation

/// `baton init [DIR]`: writes a starting `baton.json` and empty `reps.csv` and `leads.csv` into DIR (created when
/// missing); never overwrites. When any of the three exists, nothing is written at all, so that a new
/// configuration is never paired with an older CSV file it was not written for.
enum InitCommand: BatonCommand {
    static let path = ["init"]
    static let arguments = "[DIR]"
    static let summary = "write a starting baton.json and empty reps.csv and leads.csv; never overwrites"
    static let options: [OptionSpec] = []
    static let discussion = """
        DIR defaults to the working folder and is created when missing. When baton.json, reps.csv or leads.csv
        already exists there, nothing is written and the command exits 73 naming them. The configuration is
        valid as written (its sources do not exist yet); edit the example.com addresses, sources, teams and
        policies, then run 'baton config check --config DIR/baton.json'.
        """

    static func run(_ invocation: Invocation) throws -> ExitCode {
        if invocation.arguments.positionals.count > 1 {
            throw UsageError.extraArgument(invocation.arguments.positionals[1])
        }
        let folder = invocation.arguments.positionals.first.map(invocation.resolve) ?? invocation.workingDirectory
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw InputError(path: folder, reason: "exists and is not a folder", exitCode: .cannotCreate)
            }
        } else {
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw InputError(path: folder, reason: "cannot create the folder", exitCode: .cannotCreate)
            }
        }
        let files = StarterFiles.all.map { ($0, (folder as NSString).appendingPathComponent($0.name)) }
        // lstat, not fileExists: a dangling symbolic link is in the way too.
        let present = files.filter { _, path in
            var status = stat()
            return lstat(path, &status) == 0
        }
        if !present.isEmpty {
            let names = present.map(\.1).joined(separator: ", ")
            throw InputError(
                path: names,
                reason: present.count == 1 ? "already exists; nothing written" : "already exist; nothing written",
                exitCode: .cannotCreate)
        }
        var written: [String] = []
        for (file, path) in files {
            do {
                try create(path, file.content, mode: file.mode)
                written.append(path)
            } catch {
                for path in written { unlink(path) }
                throw error
            }
        }
        if invocation.verbose {
            for path in written { invocation.out.line("wrote \(path)") }
        }
        return .ok
    }

    /// Writes a new file with `O_EXCL`, so that a file appearing since the check is never overwritten.
    static func create(_ path: String, _ content: String, mode: UInt16) throws {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, mode_t(mode))
        guard fd >= 0 else {
            throw InputError(
                path: path, reason: "cannot create: \(String(cString: strerror(errno)))", exitCode: .cannotCreate)
        }
        defer { close(fd) }
        let bytes = Array(content.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                unlink(path)
                throw InputError(path: path, reason: "cannot write: \(reason)", exitCode: .ioError)
            }
            offset += n
        }
    }
}
