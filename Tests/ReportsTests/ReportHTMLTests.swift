import BatonCore
import ChildProcesses
import Foundation
import Testing

@testable import Reports

@Suite struct ReportHTMLTests {
    /// A source, a rep, a policy, a domain and a lead chosen to break out of text, attributes and SVG.
    static let hostileSource = "<script>alert(1)</script>"
    static let hostileRep = "a&b@example.com"
    static let hostilePolicy = "reply \"fast\" 'n' <b>"
    static let hostileDomain = "evil.example\"><img src=https://evil.example/x.png>"
    static let hostileLead = "o'brien@example.com"
    static let hostileStrings = [hostileSource, hostileRep, hostilePolicy, hostileDomain, hostileLead]

    /// Four ISO weeks of November 2026 in Berlin, with a few rows in every section.
    static let sample = Report(
        period: ReportPeriod(since: 1_793_574_000, until: 1_795_993_200, now: 1_796_027_400, timezone: "Europe/Berlin"),
        grouping: .rep,
        handoff: [
            HandoffRow(source: "web-form", week: "2026-W45", leads: 5),
            HandoffRow(source: "web-form", week: "2026-W46", leads: 7),
            HandoffRow(source: hostileSource, week: "2026-W45", leads: 2),
            HandoffRow(source: "referral", week: "2026-W47", leads: 3),
        ],
        response: [
            ResponseRow(
                clock: .firstResponse, key: "alice@example.com", episodes: 10, answered: 9, medianSeconds: 7_500,
                p90Seconds: 30_000, withinTarget: 0.75),
            ResponseRow(
                clock: .firstResponse, key: hostileRep, episodes: 4, answered: 0, medianSeconds: nil,
                p90Seconds: nil, withinTarget: nil),
            ResponseRow(
                clock: .reply, key: "alice@example.com", episodes: 6, answered: 6, medianSeconds: 2_700,
                p90Seconds: 5_400, withinTarget: 1),
        ],
        responseHistogram: [
            BucketCount(label: "<1h", count: 12), BucketCount(label: "1-4h", count: 7),
            BucketCount(label: "4-24h", count: 3), BucketCount(label: ">24h", count: 1),
        ],
        attainment: [
            AttainmentRow(
                policy: "first-response", key: "all", met: 15, metLate: 3, breached: 2, running: 2, withinTarget: 0.75),
            AttainmentRow(
                policy: "first-response", key: "alice@example.com", met: 12, metLate: 1, breached: 0, running: 1,
                withinTarget: 12.0 / 13),
            AttainmentRow(
                policy: "first-response", key: hostileRep, met: 3, metLate: 2, breached: 2, running: 0, warning: 1,
                withinTarget: 3.0 / 7),
            AttainmentRow(policy: "first-response", key: "(none)", running: 1),
            AttainmentRow(policy: hostilePolicy, key: "all", met: 5, metLate: 1, withinTarget: 5.0 / 6),
            AttainmentRow(policy: hostilePolicy, key: "alice@example.com", met: 4, withinTarget: 1),
            AttainmentRow(policy: hostilePolicy, key: hostileRep, met: 1, metLate: 1, withinTarget: 0.5),
        ],
        openBreaches: [
            OpenBreach(
                lead: "ceo@bigcorp.example", policy: "first-response", owner: hostileRep, dueAt: 1_795_784_400,
                lateSeconds: 7_500),
            OpenBreach(
                lead: hostileLead, policy: hostilePolicy, owner: nil, dueAt: 1_794_302_100, lateSeconds: 180_000),
        ],
        funnel: [
            FunnelRow(
                source: "web-form", mql: 12, accepted: 10, sql: 6, opportunity: 3, won: 1, mqlToSQL: 0.5,
                mqlToWon: 1.0 / 12, medianMQLToSQLSeconds: 200_000, medianSQLToWonSeconds: nil),
            FunnelRow(
                source: hostileSource, mql: 2, accepted: 1, sql: 0, opportunity: 0, won: 0, mqlToSQL: 0, mqlToWon: 0,
                medianMQLToSQLSeconds: nil, medianSQLToWonSeconds: nil),
            FunnelRow(
                source: "all", mql: 14, accepted: 11, sql: 6, opportunity: 3, won: 1, mqlToSQL: 6.0 / 14,
                mqlToWon: 1.0 / 14, medianMQLToSQLSeconds: 200_000, medianSQLToWonSeconds: nil),
        ],
        outcome: [
            OutcomeRow(split: "first_response", bucket: "<1h", leads: 8, sql: 5, rate: 0.625),
            OutcomeRow(split: "first_response", bucket: "never", leads: 2, sql: 0, rate: 0),
            OutcomeRow(split: "breached", bucket: "yes", leads: 2, sql: 0, rate: 0),
            OutcomeRow(split: "breached", bucket: "no", leads: 12, sql: 6, rate: 0.5),
        ],
        meetings: [
            MeetingRow(key: "alice@example.com", held: 5, cancelled: 1, perLeadBeforeSQL: 1.25),
            MeetingRow(key: hostileRep, held: 0, cancelled: 2, perLeadBeforeSQL: nil),
        ],
        weekly: [
            WeekRow(week: "2026-W45", handedOff: 7, firstResponses: 7, withinTarget: 0.857, sql: 2),
            WeekRow(week: "2026-W46", handedOff: 7, firstResponses: 6, withinTarget: 0.5, sql: 3),
            WeekRow(week: "2026-W47", handedOff: 3, firstResponses: 0, withinTarget: nil, sql: 1),
            WeekRow(week: "2026-W48", handedOff: 0, firstResponses: 1, withinTarget: 1, sql: 0),
        ],
        capture: CaptureHealth(
            sources: [
                CaptureSource(
                    path: "/var/mail/sales", type: "mbox", scanned: 120, matched: 90, matchedShare: 0.75,
                    lastMessageAt: 1_796_020_000, silent: false),
                CaptureSource(
                    path: "/srv/maildir/" + hostileSource, type: "maildir", scanned: 0, matched: 0, matchedShare: nil,
                    lastMessageAt: 1_794_302_100, silent: true),
            ],
            unmatchedDomains: [
                BucketCount(label: hostileDomain, count: 9), BucketCount(label: "partner.example", count: 2),
            ],
            leadsWithoutTouch: [hostileLead, "nobody@lead.example"], quarantined: 1))

    static let empty = Report(
        period: ReportPeriod(since: 1_793_574_000, until: 1_795_993_200, now: 1_796_027_400, timezone: "Europe/Berlin"),
        grouping: .team)

    /// More than a quarter: 14 weeks, a dozen reps with long addresses, six sources, counts in the thousands.
    static let busy: Report = {
        let reps = (1...12).map { "firstname.lastname\($0).inside-sales@subsidiary-of-a-long-company.example" }
        var report = Report(
            period: ReportPeriod(since: 1_790_000_000, until: 1_798_467_200, now: 1_798_467_200, timezone: "UTC"),
            grouping: .rep)
        report.responseHistogram = [
            BucketCount(label: "<1h", count: 1_520), BucketCount(label: "1-4h", count: 830),
            BucketCount(label: "4-24h", count: 310), BucketCount(label: ">24h", count: 45),
        ]
        for policy in ["first-response", "reply"] {
            for (index, rep) in reps.enumerated() {
                let met = 40 + index * 13 % 50
                let late = index * 7 % 11
                let breached = index % 4
                report.attainment.append(
                    AttainmentRow(
                        policy: policy, key: rep, met: met, metLate: late, breached: breached, running: index * 5 % 7,
                        withinTarget: Double(met) / Double(met + late + breached)))
            }
        }
        for (index, source) in [
            "web-form", "referral", "partner-portal-with-a-very-long-name-indeed", "events",
            "outbound", "chat",
        ].enumerated() {
            let mql = 900 - index * 140
            report.funnel.append(
                FunnelRow(
                    source: source, mql: mql, accepted: mql * 4 / 5, sql: mql / 2, opportunity: mql / 5, won: mql / 20,
                    mqlToSQL: 0.5, mqlToWon: 0.05, medianMQLToSQLSeconds: 400_000, medianSQLToWonSeconds: 2_000_000))
        }
        report.weekly = (40...53).map { week in
            WeekRow(
                week: "2026-W\(week)", handedOff: 180 + week * 37 % 90, firstResponses: 170,
                withinTarget: week == 47 ? nil : Double(50 + week * 29 % 50) / 100, sql: 60 + week * 17 % 40)
        }
        return report
    }()

    @Test("the page is an HTML5 document whose title and header show the period in the report's zone")
    func document() {
        let html = ReportHTML.render(Self.sample)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(html.contains("<title>Baton report 2026-11-02 to 2026-11-30</title>"))
        #expect(html.contains("<h1>2026-11-02 to 2026-11-30</h1>"))
        #expect(html.contains("Since <time>2026-11-02 00:00</time> (inclusive) until <time>2026-11-30 00:00</time>"))
        #expect(html.contains("Europe/Berlin. Clocks as of <time>2026-11-30 09:30</time>."))
        #expect(html.contains("@media (prefers-color-scheme: dark)"))
        #expect(html.contains("@media print"))
        #expect(html.contains("break-inside: avoid"))
    }

    @Test("the page has no script and refers to nothing outside itself")
    func selfContained() {
        var html = ReportHTML.render(Self.sample)
        #expect(!html.lowercased().contains("<script"))
        // The only URLs are inside the hostile data, escaped: remove those and none may remain.
        for hostile in Self.hostileStrings {
            html = html.replacingOccurrences(of: HTMLEscaping.escape(hostile), with: "")
        }
        for reference in ["http://", "https://", "src=", "href=", "url(", "@import", "xlink"] {
            #expect(!html.lowercased().contains(reference), "\(reference)")
        }
    }

    @Test("data strings appear only escaped, in text, attributes and SVG")
    func escaping() {
        let html = ReportHTML.render(Self.sample)
        for hostile in Self.hostileStrings {
            #expect(!html.contains(hostile), "raw: \(hostile)")
            #expect(html.contains(HTMLEscaping.escape(hostile)), "escaped: \(hostile)")
        }
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("a&amp;b@example.com"))
        #expect(html.contains("o&#39;brien@example.com"))
        #expect(html.contains("reply &quot;fast&quot; &#39;n&#39; &lt;b&gt;"))
        // Every ampersand starts one of the five references the escaper writes.
        let references = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
        var rest = Substring(html)
        while let ampersand = rest.firstIndex(of: "&") {
            let tail = rest[ampersand...]
            #expect(references.contains { tail.hasPrefix($0) }, "\(tail.prefix(12))")
            rest = rest[rest.index(after: ampersand)...]
        }
        // Inside the SVG too: the hostile rep labels a bar, and is escaped in its <title>.
        let attainment = Self.chart("chart-attainment", in: html)
        #expect(attainment.contains("<title>a&amp;b@example.com, first-response: breached 2</title>"))
        #expect(Self.chart("chart-funnel", in: html).contains(">&lt;script&gt;alert(1)&lt;/script&gt;</text>"))
    }

    @Test("four accessible charts, each with one bar per figure of its data")
    func charts() {
        let html = ReportHTML.render(Self.sample)
        #expect(Self.count("<svg", in: html) == 4)
        #expect(Self.count("role=\"img\"", in: html) == 4)
        #expect(Self.count("<figure", in: html) == 4)
        // Attainment: 5 rows whose key is not "all", 4 segments each.
        let attainment = Self.chart("chart-attainment", in: html)
        #expect(Self.count("<rect class=\"bar ", in: attainment) == 20)
        #expect(Self.count("<rect class=\"bar seg-breached\"", in: attainment) == 5)
        #expect(attainment.contains("aria-label=\"Attainment by rep: stacked bars per policy\""))
        #expect(attainment.contains(">14 · 92% in target</text>"))
        #expect(attainment.contains(">1</text>"))
        // Funnel: 3 rows, 5 stages each.
        let funnel = Self.chart("chart-funnel", in: html)
        #expect(Self.count("<rect class=\"bar ", in: funnel) == 15)
        #expect(Self.count("<rect class=\"bar stage-won\"", in: funnel) == 3)
        #expect(funnel.contains(">6 · 50%</text>"))
        // Histogram: 4 buckets.
        let histogram = Self.chart("chart-histogram", in: html)
        #expect(Self.count("<rect class=\"bar ", in: histogram) == 4)
        #expect(histogram.contains("<title>&lt;1h: 12</title>"))
        // Weekly: 4 weeks, handed off and SQL each, and a share line broken at the week without a figure.
        let weekly = Self.chart("chart-weekly", in: html)
        #expect(Self.count("<rect class=\"bar ", in: weekly) == 8)
        #expect(Self.count("<circle class=\"trend-dot\"", in: weekly) == 3)
        #expect(Self.count("<path class=\"trend\" d=\"M", in: weekly) == 1)
        #expect(Self.count(" M", in: weekly) == 1)
        #expect(weekly.contains(">86%</text>"))
        for id in ["chart-attainment", "chart-funnel", "chart-histogram", "chart-weekly"] {
            #expect(Self.chart(id, in: html).contains("<title>"), "\(id)")
        }
    }

    @Test("tables print figures as percentages, hours and minutes, and a dash for what does not exist")
    func tables() {
        let html = ReportHTML.render(Self.sample)
        #expect(
            html.contains(
                "<tr><td>first response</td><td>alice@example.com</td><td class=\"num\">10</td>"
                    + "<td class=\"num\">9</td><td class=\"num\">2h 05m</td><td class=\"num\">8h 20m</td>"
                    + "<td class=\"num\">75%</td></tr>"))
        #expect(
            html.contains(
                "<td>a&amp;b@example.com</td><td class=\"num\">4</td><td class=\"num\">0</td>"
                    + "<td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">-</td></tr>"))
        // Open breaches: the due time in Berlin, the owner missing.
        #expect(
            html.contains(
                "<tr><td>o&#39;brien@example.com</td><td>reply &quot;fast&quot; &#39;n&#39; &lt;b&gt;</td>"
                    + "<td>-</td><td>2026-11-10 10:15</td><td class=\"num\">50h 00m</td></tr>"))
        // Handoff pivot with totals.
        #expect(
            html.contains(
                "<tr class=\"total\"><td>Total</td><td class=\"num\">7</td><td class=\"num\">7</td>"
                    + "<td class=\"num\">3</td><td class=\"num\">17</td></tr>"))
        #expect(html.contains("<td class=\"num\">2d 08h</td>"))
        #expect(html.contains("<td class=\"num\">1.3</td>"))
    }

    @Test("silent sources and unmatched domains are highlighted")
    func captureHealth() {
        let html = ReportHTML.render(Self.sample)
        #expect(html.contains("<tr class=\"alert\"><td>/srv/maildir/&lt;script&gt;alert(1)&lt;/script&gt;</td>"))
        #expect(html.contains("<span class=\"badge alert\">silent</span>"))
        #expect(Self.count("<tr class=\"warn\">", in: html) == 2)
        #expect(html.contains("<li>o&#39;brien@example.com</li>"))
        #expect(html.contains("1 drop-folder file in quarantine."))
        #expect(html.contains("<li class=\"tile alert\"><span class=\"tile-value\">1</span>"))
    }

    @Test("an empty report has a no-data note in place of every chart and empty table, and no SVG")
    func emptyReport() {
        let html = ReportHTML.render(Self.empty)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<svg"))
        #expect(!html.contains("<figure"))
        // One per empty chart, and the shared wins' two: won deals and won revenue.
        #expect(Self.count("no data", in: html) == 16)
        for caption in [
            "Attainment by team", "Funnel by source", "First-response time", "Weekly trend",
            "Open pipeline and won revenue by source", "Spend and won revenue by source", "Lead quality by source",
            "Speed by source",
        ] {
            #expect(html.contains("<p class=\"nodata\"><strong>\(caption):</strong> no data"), "\(caption)")
        }
    }

    @Test("a busy report shortens week labels and long names, keeping the full name as a tooltip")
    func busyReport() {
        let html = ReportHTML.render(Self.busy)
        #expect(Self.count("<svg", in: html) == 4)
        #expect(Self.count("<rect class=\"bar ", in: Self.chart("chart-attainment", in: html)) == 96)
        #expect(Self.count("<rect class=\"bar ", in: Self.chart("chart-funnel", in: html)) == 30)
        let weekly = Self.chart("chart-weekly", in: html)
        #expect(Self.count("<rect class=\"bar ", in: weekly) == 28)
        #expect(weekly.contains("<title>2026-W40</title>W40</text>"))
        #expect(!weekly.contains(">2026-W40</text>"))
        #expect(
            Self.chart("chart-attainment", in: html).contains(
                "<title>firstname.lastname1.inside-sales@subsidiary-of-a-long-company.example</title>"
                    + "firstname.lastname1.insi…</text>"))
        #expect(Self.chart("chart-histogram", in: html).contains(">1520</text>"))
    }

    @Test("an unknown zone is escaped and the times fall back to UTC")
    func unknownZone() {
        var report = Self.empty
        report.period.timezone = "<Mars/Olympus>"
        let html = ReportHTML.render(report)
        #expect(html.contains("&lt;Mars/Olympus&gt; (unknown zone: times shown in UTC)"))
        #expect(html.contains("Since <time>2026-11-01 23:00</time>"))
    }

    @Test(
        "figures are formatted for people",
        arguments: [
            (HTMLFigureFormat.percent(0.75), "75%"), (HTMLFigureFormat.percent(0.857), "86%"),
            (HTMLFigureFormat.percent(nil), "-"), (HTMLFigureFormat.duration(7_500), "2h 05m"),
            (HTMLFigureFormat.duration(2_700), "45m"), (HTMLFigureFormat.duration(40), "40s"),
            (HTMLFigureFormat.duration(0), "0s"), (HTMLFigureFormat.duration(90_000), "25h 00m"),
            (HTMLFigureFormat.duration(nil), "-"), (HTMLFigureFormat.duration(200_000, calendar: true), "2d 08h"),
            (HTMLFigureFormat.duration(3_600, calendar: true), "1h 00m"), (HTMLFigureFormat.decimal(1.25), "1.3"),
            (HTMLFigureFormat.decimal(2), "2.0"), (HTMLFigureFormat.count(1_234), "1234"),
            (HTMLFigureFormat.count(12_345), "12\u{202F}345"),
            (HTMLEscaping.escape("a&b<c>\"d'"), "a&amp;b&lt;c&gt;&quot;d&#39;"),
            (HTMLEscaping.escape("tab\tnul\u{0}"), "tab\tnul\u{FFFD}"),
            (HTMLFigureFormat.truncate("abcdef", to: 4), "abc…"),
            (SVGChart.number(12.25), "12.3"), (SVGChart.number(-3), "-3"),
        ])
    func format(actual: String, expected: String) {
        #expect(actual == expected)
    }

    @Test(
        "axis ticks step by 1, 2 or 5 times a power of ten",
        arguments: [
            (7, [0, 2, 4, 6, 8]), (12, [0, 5, 10, 15]), (4, [0, 1, 2, 3, 4]), (1, [0, 1]), (0, [0, 1]),
            (230, [0, 100, 200, 300]),
        ])
    func ticks(maximum: Int, expected: [Int]) {
        #expect(SVGChart.ticks(upTo: maximum) == expected)
    }

    // MARK: - A real browser

    /// Chromium from Debian's `chromium` package, which `.ci/run` installs; without it (a developer machine) the
    /// browser test cannot run and is skipped.
    static let chromium = "/usr/bin/chromium"

    @Test(
        "Chromium renders the page in light and dark mode to a full, non-blank screenshot",
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: chromium), "needs /usr/bin/chromium (.ci/run installs it)"),
        .timeLimit(.minutes(2)))
    func browser() throws {
        // BATON_HTML_SCREENSHOTS keeps the screenshots in a folder to look at; otherwise a temp folder is removed.
        let keep = ProcessInfo.processInfo.environment["BATON_HTML_SCREENSHOTS"]
        let folder =
            keep.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("baton-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(at: folder) } }

        let page = folder.appendingPathComponent("report.html")
        try ReportHTML.render(Self.sample).write(to: page, atomically: true, encoding: .utf8)
        let blank = folder.appendingPathComponent("blank.html")
        try "<!DOCTYPE html><html><head><title>blank</title></head><body></body></html>".write(
            to: blank, atomically: true, encoding: .utf8)

        let blankShot = try Self.screenshot(blank, to: folder.appendingPathComponent("blank.png"), in: folder)
        let light = try Self.screenshot(page, to: folder.appendingPathComponent("report-light.png"), in: folder)
        let dark = try Self.screenshot(
            page, to: folder.appendingPathComponent("report-dark.png"), in: folder, dark: true)
        let busyPage = folder.appendingPathComponent("busy.html")
        try ReportHTML.render(Self.busy).write(to: busyPage, atomically: true, encoding: .utf8)
        let busy = try Self.screenshot(busyPage, to: folder.appendingPathComponent("busy-light.png"), in: folder)
        for shot in [blankShot, light, dark, busy] {
            #expect(Array(shot.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            #expect(Array(shot[12..<16]) == Array("IHDR".utf8))
            #expect(Self.bigEndian(shot, at: 16) == 1200)
            #expect(Self.bigEndian(shot, at: 20) == 2400)
        }
        // A blank page compresses to almost nothing; charts, tables and text do not.
        #expect(light.count > 100_000)
        #expect(dark.count > 100_000)
        #expect(light.count > 10 * blankShot.count)
        #expect(dark.count > 10 * blankShot.count)
        #expect(busy.count > 10 * blankShot.count)
        #expect(light != dark)
    }

    /// Runs headless Chromium on `page` with a 60 s deadline and returns the PNG it wrote.
    static func screenshot(_ page: URL, to png: URL, in folder: URL, dark: Bool = false) throws -> [UInt8] {
        let home = folder.appendingPathComponent("home").path
        var arguments = [
            chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-dev-shm-usage",
            "--user-data-dir=\(home)/profile", "--window-size=1200,2400", "--screenshot=\(png.path)",
        ]
        if dark { arguments.append("--force-dark-mode") }
        arguments.append(page.absoluteString)
        let browser = try ChildProcess(
            path: chromium, arguments: arguments,
            environment: [
                "HOME=\(home)", "PATH=/usr/bin:/bin", "XDG_CONFIG_HOME=\(home)/.config",
                "XDG_CACHE_HOME=\(home)/.cache",
            ])
        let (termination, stderr) = browser.run(input: [], timeout: .seconds(60))
        // Helpers that outlive the browser would hold the profile folder; the group goes with it.
        browser.killGroup()
        #expect(termination == .exited(0), "chromium: \(termination) \(String(decoding: stderr, as: UTF8.self))")
        return try [UInt8](Data(contentsOf: png))
    }

    static func bigEndian(_ bytes: [UInt8], at offset: Int) -> Int {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
    }

    /// The `<svg>` element whose id is `id`.
    static func chart(_ id: String, in html: String) -> Substring {
        guard let start = html.range(of: "<svg class=\"chart\" id=\"\(id)\""),
            let end = html[start.upperBound...].range(of: "</svg>")
        else { return "" }
        return html[start.lowerBound..<end.upperBound]
    }

    static func count(_ needle: String, in haystack: some StringProtocol) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }
}
