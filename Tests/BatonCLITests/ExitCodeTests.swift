import BatonCLI
import BatonCore
import Testing

@Suite struct ExitCodeTests {
    @Test("each kind of failure ends the process with its sysexits.h status, as README.md lists them")
    func statuses() {
        #expect(
            FailureKind.allCases.map { ExitCode($0).rawValue } == [65, 66, 70, 73, 75, 69, 74, 78])
        #expect(ExitCode(worst: nil) == .ok)
    }

    @Test("the most serious failure of a run decides: 78, 74, 69, 75, then the rest by value")
    func severity() {
        let order = FailureKind.allCases.sorted().reversed().map { ExitCode($0).rawValue }
        #expect(order == [78, 74, 69, 75, 73, 70, 66, 65])
        #expect(ExitCode(worst: [FailureKind.badInput, .tryAgain, .missingInput].max()) == .tryAgain)
    }
}
