import CalendarParsing
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Parses and expands a calendar over a window, then prints one line of `key=value` figures.
/// Timing covers reading the file, parsing and expanding (best of RUNS). Usage: CalendarBenchmark FILE.ics [FROM-EPOCH TO-EPOCH] [RUNS]
let arguments = CommandLine.arguments
guard arguments.count >= 2, let size = FileManager.default.contents(atPath: arguments[1])?.count else {
    FileHandle.standardError.write(Data("usage: CalendarBenchmark FILE.ics [FROM-EPOCH TO-EPOCH] [RUNS]\n".utf8))
    exit(64)
}
let from = arguments.count > 3 ? Int64(arguments[2])! : 1_767_225_600  // 2026-01-01T00:00:00Z
let to = arguments.count > 3 ? Int64(arguments[3])! : 1_798_761_600  // 2027-01-01T00:00:00Z
let runs = arguments.count > 4 ? Int(arguments[4])! : 3

func peakResidentKilobytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    }
    return 0
}

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(
        usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

var best = Double.infinity
var bestCPU = Double.infinity
var bestParse = Double.infinity
var events = 0
var occurrences = 0
for _ in 0..<runs {
    let clock = ContinuousClock()
    var found = 0
    var parsed = 0
    var parseTime = Duration.zero
    let cpuBefore = cpuSeconds()
    let elapsed = clock.measure {
        var document: CalendarDocument?
        // Read, parse, and let the bytes go before expanding, as a scan would.
        parseTime = clock.measure {
            let data = FileManager.default.contents(atPath: arguments[1])!
            document = data.withUnsafeBytes { CalendarDocument.parse($0) }
        }
        parsed = document!.calendars.reduce(0) { $0 + $1.events.count }
        var expander = CalendarExpander()
        found = expander.occurrences(in: document!, from: from, to: to).count
    }
    func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
    bestCPU = min(bestCPU, cpuSeconds() - cpuBefore)
    best = min(best, seconds(elapsed))
    bestParse = min(bestParse, seconds(parseTime))
    events = parsed
    occurrences = found
}
print(
    "events=\(events) occurrences=\(occurrences) seconds=\(String(format: "%.4f", best)) cpu_seconds=\(String(format: "%.4f", bestCPU)) parse_seconds=\(String(format: "%.4f", bestParse)) events_per_second=\(Int(Double(events) / best)) bytes=\(size) peak_rss_kb=\(peakResidentKilobytes())"
)
