import BatonCore

/// The date of an mbox `From sender Wed Nov 25 09:00:00 2026` line (RFC 4155: asctime, UTC by convention).
enum MboxFromLine {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func date(_ line: String) -> Int64? {
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        // Find "Mon DD HH:MM[:SS] YYYY" anywhere after the sender.
        guard words.count >= 5 else { return nil }
        for i in 1..<(words.count - 3) {
            guard let month = months.firstIndex(of: words[i].lowercased().prefix(3).description),
                words[i].count == 3, let day = Int(words[i + 1])
            else { continue }
            let clock = words[i + 2].split(separator: ":").compactMap { Int($0) }
            guard clock.count >= 2, let year = Int(words[i + 3]), year > 1900,
                Timestamp.isValidDate(year: year, month: month + 1, day: day)
            else { continue }
            let seconds = clock.count > 2 ? clock[2] : 0
            return Timestamp.days(year: year, month: month + 1, day: day) * 86_400
                + Int64(clock[0] * 3600 + clock[1] * 60 + seconds)
        }
        return nil
    }
}
