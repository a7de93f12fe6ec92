import Reports
import Testing

@Suite struct ReportModelTests {
    @Test("an empty report has every section empty")
    func empty() {
        let report = Report(
            period: ReportPeriod(since: 0, until: 86_400, now: 86_400, timezone: "UTC"), grouping: .rep)
        #expect(report.handoff.isEmpty)
        #expect(report.capture.quarantined == 0)
        #expect(report.grouping.rawValue == "rep")
    }
}
