// swift-tools-version:6.0
// Benchmarks live in their own package so that CI's `swift test` never builds them; run them in release mode.
import PackageDescription

let package = Package(
    name: "BatonBenchmarks",
    dependencies: [.package(name: "Baton", path: "..")],
    targets: [
        .executableTarget(
            name: "MailBenchmark",
            dependencies: [.product(name: "MailParsing", package: "Baton")]
        ),
        .executableTarget(
            name: "CalendarBenchmark",
            dependencies: [.product(name: "CalendarParsing", package: "Baton")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
