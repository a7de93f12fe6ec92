import Foundation

/// A configured source path that may be a glob (`Mail/calendars/*.ics`, `Maildir/.*`): the one expansion `baton
/// scan`, `explain FILE` and the report's capture health all use, so that they agree on what a source holds.
public enum PathGlob {
    /// Whether `path` holds a glob character (`*`, `?`, `[`).
    public static func isGlob(_ path: String) -> Bool { path.contains(where: { "*?[".contains($0) }) }

    /// Paths matching a glob pattern, sorted; a pattern without glob characters is returned as it is. As in the
    /// shell, `*` never matches a leading dot, and `.*` (a Maildir++ tree's subfolders) matches neither `.` nor
    /// `..`, which glob(3) would return.
    public static func expand(_ pattern: String) -> [String] {
        guard isGlob(pattern) else { return [pattern] }
        var g = glob_t()
        defer { globfree(&g) }
        guard glob(pattern, 0, nil, &g) == 0 else { return [] }
        var paths: [String] = []
        for i in 0..<Int(g.gl_pathc) {
            guard let p = g.gl_pathv[i] else { continue }
            let path = String(cString: p)
            if !path.hasSuffix("/.") && !path.hasSuffix("/..") && path != "." && path != ".." { paths.append(path) }
        }
        return paths.sorted()
    }
}
