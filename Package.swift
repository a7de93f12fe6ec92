// swift-tools-version:6.0
import PackageDescription

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Baton",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "baton", targets: ["baton"]),
        .library(name: "BatonCore", targets: ["BatonCore"]),
        .library(name: "MailParsing", targets: ["MailParsing"]),
        .library(name: "CalendarParsing", targets: ["CalendarParsing"]),
        .library(name: "CRM", targets: ["CRM"]),
        .library(name: "Store", targets: ["Store"]),
        .library(name: "SLA", targets: ["SLA"]),
        .library(name: "Alerts", targets: ["Alerts"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Scan", targets: ["Scan"]),
        .library(name: "BatonCLI", targets: ["BatonCLI"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // Shared vocabulary: configuration, durations, stages, addresses, timestamps, exit codes.
        .target(name: "BatonCore", swiftSettings: settings),
        // Pure mail parsing: RFC 5322, MIME, mbox, Maildir, forwards.
        .target(name: "MailParsing", swiftSettings: settings),
        // Pure calendar parsing: RFC 5545, recurrence, time zones, iTIP.
        .target(name: "CalendarParsing", swiftSettings: settings),
        // CRM exports: RFC 4180 CSV and the mapping of presets onto Baton's lead and rep records.
        .target(name: "CRM", dependencies: ["BatonCore"], swiftSettings: settings),
        // The store, SQLite's or PostgreSQL's: the only module that speaks SQL.
        .target(name: "Store", dependencies: ["CSQLite", "CLibPQ", "BatonCore"], swiftSettings: settings),
        // Sources, cursors, matching to reps and leads, drop-folder intake, dedupe.
        .target(
            name: "Ingest", dependencies: ["BatonCore", "MailParsing", "CalendarParsing", "Store"],
            swiftSettings: settings),
        // SLA clocks in business time.
        .target(name: "SLA", dependencies: ["BatonCore", "CalendarParsing", "Store"], swiftSettings: settings),
        // Child processes started with posix_spawn, fed stdin and timed out: sendmail, and Chromium in a test.
        .target(name: "ChildProcesses", swiftSettings: settings),
        // Alert mail: RFC 5322 composition and the transports (sendmail, a folder of .eml files).
        .target(
            name: "Alerts", dependencies: ["BatonCore", "SLA", "Store", "ChildProcesses"], swiftSettings: settings),
        // Figures over the store: response times, attainment, funnel, capture health; text, JSON, CSV, HTML.
        .target(name: "Reports", dependencies: ["BatonCore", "SLA", "Store"], swiftSettings: settings),
        // The run of `baton scan`: import, ingest, meetings, clocks, notifications and digests, delivery.
        .target(
            name: "Scan", dependencies: ["BatonCore", "CRM", "Ingest", "SLA", "Alerts", "Reports", "Store"],
            swiftSettings: settings),
        // Command-line parsing, dispatch and rendering.
        .target(
            name: "BatonCLI",
            dependencies: [
                "BatonCore", "CRM", "Store", "MailParsing", "CalendarParsing", "Ingest", "SLA", "Alerts", "Reports",
                "Scan",
            ],
            swiftSettings: settings
        ),
        .executableTarget(name: "baton", dependencies: ["BatonCLI"], swiftSettings: settings),
        // What the test targets share: temporary folders, the sample world, the repository's path. Not a product
        // and no dependency of `baton`, so it never ships.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: settings),
        .testTarget(
            name: "BatonCoreTests", dependencies: ["BatonCore", "TestSupport"], exclude: ["Fixtures"],
            swiftSettings: settings),
        .testTarget(
            name: "CRMTests", dependencies: ["CRM", "BatonCore", "TestSupport"], exclude: ["Fixtures"],
            swiftSettings: settings),
        .testTarget(
            name: "StoreTests", dependencies: ["Store", "CRM", "BatonCore", "TestSupport"], swiftSettings: settings),
        .testTarget(
            name: "IngestTests", dependencies: ["Ingest", "Store", "BatonCore", "MailParsing", "TestSupport"],
            swiftSettings: settings),
        .testTarget(
            name: "ScanTests",
            dependencies: ["Scan", "Ingest", "Store", "BatonCore", "CRM", "MailParsing", "Reports", "TestSupport"],
            swiftSettings: settings),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["Reports", "BatonCore", "SLA", "Store", "ChildProcesses", "Scan", "Alerts"],
            swiftSettings: settings),
        .testTarget(
            name: "SLATests", dependencies: ["SLA", "BatonCore"], exclude: ["Fixtures"], swiftSettings: settings),
        .testTarget(
            name: "AlertsTests", dependencies: ["Alerts", "BatonCore", "MailParsing", "TestSupport"],
            swiftSettings: settings),
        .testTarget(
            name: "MailParsingTests", dependencies: ["MailParsing", "TestSupport"], exclude: ["Fixtures"],
            swiftSettings: settings),
        .testTarget(
            name: "CalendarParsingTests", dependencies: ["CalendarParsing", "TestSupport"], exclude: ["Fixtures"],
            swiftSettings: settings),
        .testTarget(
            name: "BatonCLITests",
            dependencies: ["BatonCLI", "BatonCore", "Store", "baton", "TestSupport"],
            swiftSettings: settings
        ),
    ],
    swiftLanguageModes: [.v6]
)
