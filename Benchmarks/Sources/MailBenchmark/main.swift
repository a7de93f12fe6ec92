// Mail benchmark: full parse (headers, MIME structure, body text decoded; attachments measured, never
// decoded) of every message in each container given on the command line. Prints one line per container:
// `kind messages bytes seconds messages/s MB/s peakRSS-MB cpu-seconds MB-per-cpu-second`. Build with `swift build -c release`.
import Foundation
import MailParsing

/// Peak resident set size in kB (`VmHWM` of /proc/self/status).
func peakRSSKilobytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    }
    return 0
}

var arguments = Array(CommandLine.arguments.dropFirst())
var threads = 1
if arguments.first == "--threads", arguments.count >= 2, let n = Int(arguments[1]) {
    threads = n
    arguments.removeFirst(2)
}
let paths = arguments

/// User plus system CPU seconds of this process so far (all threads).
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}
if paths.isEmpty {
    print("usage: MailBenchmark [--threads N] MBOX-OR-MAILDIR...")
    exit(64)
}
for path in paths {
    var messages = 0
    var bytes = 0
    var checksum = 0
    var errors = 0
    let start = DispatchTime.now().uptimeNanoseconds
    let cpuStart = cpuSeconds()
    do {
        try ParallelParser.parse(path: path, threads: threads) { location, result in
            messages += 1
            bytes += location.length
            switch result {
            case .success(let m):
                checksum &+= (m.text?.utf8.count ?? 0) &+ (m.htmlText?.utf8.count ?? 0) &+ m.from.count &+ m.to.count
                checksum &+=
                    m.attachments.reduce(0) { $0 &+ $1.size } &+ m.forwarded.count &+ (m.subject?.utf8.count ?? 0)
                checksum &+= Int(m.date?.secondsSinceEpoch ?? 0) & 0xFF
            case .failure:
                errors += 1
            }
        }
    } catch {
        print("\(path): \(error)")
        exit(66)
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let cpu = cpuSeconds() - cpuStart
    let kind = (try? MailSource.kind(of: path).rawValue) ?? "?"
    print(
        String(
            format: "%@-%dt %d %d %.3f %.0f %.1f %.1f %.3f %.1f checksum=%d errors=%d", kind, threads, messages, bytes,
            seconds, Double(messages) / seconds, Double(bytes) / seconds / 1e6, Double(peakRSSKilobytes()) / 1024, cpu,
            Double(bytes) / cpu / 1e6, checksum, errors))
}
