import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What the resource-bomb suites of the parsers and the CRM reader share: the bombs' sizes and the process's
/// peak memory.
public enum ResourceBomb {
    /// Whether the bombs run at full size (`BATON_SOAK=1`, `Scripts/bombs`); a hundredth otherwise, so that CI
    /// runs every bomb in seconds.
    public static let soak = ProcessInfo.processInfo.environment["BATON_SOAK"] == "1"

    /// `full` in soak mode, else a hundredth of it.
    public static func size(_ full: Int) -> Int { soak ? full : full / 100 }

    /// Sets the process's peak resident set back to what it holds now (Linux: `5` written to
    /// `/proc/self/clear_refs`), so that the peak a bomb test reads is the one reached since it started, not
    /// another suite's earlier in the same test process.
    public static func resetPeak() {
        guard let file = fopen("/proc/self/clear_refs", "w") else { return }
        fputs("5", file)
        fclose(file)
    }

    /// The process's peak resident set since the last `resetPeak()` (`getrusage(2)`; Linux reports kilobytes).
    /// Other suites run beside the bombs in the same process, so the bound asserted is loose on purpose.
    public static var peakResidentBytes: Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }

    /// The memory no bomb may push the process past.
    public static let memoryBound = 2 << 30
}
