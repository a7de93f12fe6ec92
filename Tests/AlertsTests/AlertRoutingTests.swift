import BatonCore
import Foundation
import Testing

@testable import Alerts
@testable import Store

/// Who gets each level, and when quiet hours and daily digests let it go.
@Suite struct AlertRoutingTests {
    static func config(fallback: String? = "ops@example.com", quiet: String? = "20:00-07:00") throws -> Config {
        var alerts = #"{"from": "baton@example.com", "transport": {"type": "folder", "path": "out"}"#
        if let fallback { alerts += #", "fallback_to": "\#(fallback)""# }
        if let quiet { alerts += #", "quiet_hours": "\#(quiet)""# }
        alerts += "}"
        let json = """
            {"store": "s.sqlite", "timezone": "UTC", "internal_domains": ["example.com"], "sources": [],
             "teams": {"emea": {"timezone": "Europe/London", "hours": {"mon-fri": "09:00-17:30"}}},
             "policies": [{"name": "p", "clock": "first_response", "target": "4h", "time": "business",
                           "stages": ["mql"],
                           "escalate": [{"after": "8h", "to": "manager_of_manager"}, {"after": "2d", "to": "VP@example.com"}]}],
             "alerts": \(alerts)}
            """
        return try ConfigLoader.parse(Array(json.utf8), path: "/tmp/baton.json")
    }

    static let reps: [String: RepSummary] = [
        "ann@example.com": RepSummary(
            id: 1, email: "ann@example.com", name: "Ann Archer", team: "emea", managerEmail: "mia@example.com",
            timezoneID: nil, aliases: []),
        "bob@example.com": RepSummary(
            id: 2, email: "bob@example.com", name: "Bob Baker", team: "emea", managerEmail: "mia@example.com",
            timezoneID: "Europe/Paris", aliases: []),
        "mia@example.com": RepSummary(
            id: 3, email: "mia@example.com", name: "Mia Moreau", team: "emea", managerEmail: "Victor@Example.com",
            timezoneID: nil, aliases: []),
        "victor@example.com": RepSummary(
            id: 4, email: "victor@example.com", name: "Victor Perez", team: "emea", managerEmail: nil,
            timezoneID: nil, aliases: []),
    ]

    static func at(_ s: String) -> Int64 { Timestamp.parseInstant(s)! }
    static func iso(_ s: Int64) -> String { Timestamp.format(epochSeconds: s) }

    @Test(
        "each level goes up the ladder, with the people below in Cc",
        arguments: [
            (.warning, nil, "ann@example.com", ["ann@example.com"], [String]()),
            (.breach, nil, "ann@example.com", ["mia@example.com"], ["ann@example.com"]),
            (.escalation, 1, "ann@example.com", ["victor@example.com"], ["mia@example.com", "ann@example.com"]),
            (.escalation, 2, "ann@example.com", ["vp@example.com"], ["mia@example.com", "ann@example.com"]),
            (.breach, nil, "victor@example.com", ["ops@example.com"], ["victor@example.com"]),
            (.escalation, 1, "mia@example.com", ["ops@example.com"], ["victor@example.com", "mia@example.com"]),
        ] as [(NotificationLevel, Int?, String, [String], [String])])
    func ladder(level: NotificationLevel, rung: Int?, owner: String, to: [String], cc: [String]) throws {
        let config = try Self.config()
        let routing = AlertRouting(config: config, reps: Self.reps)
        let result = routing.recipients(level: level, escalation: rung, policy: config.policies[0], owner: owner)
        #expect(result.to == to)
        #expect(result.cc == cc)
    }

    @Test("a lead with no owner goes to the fallback address, or to nobody without one")
    func noOwner() throws {
        let withFallback = try Self.config()
        let routing = AlertRouting(config: withFallback, reps: Self.reps)
        for level in [NotificationLevel.warning, .breach, .escalation] {
            let r = routing.recipients(level: level, escalation: 1, policy: withFallback.policies[0], owner: nil)
            #expect(r.to == ["ops@example.com"])
            #expect(r.cc == [])
        }
        let without = try Self.config(fallback: nil)
        let r = AlertRouting(config: without, reps: Self.reps).recipients(
            level: .breach, escalation: nil, policy: without.policies[0], owner: nil)
        #expect(r.to == [])
        #expect(r.cc == [])
    }

    @Test("an address that is not plain is left out and named; a To left empty goes to the fallback")
    func refused() throws {
        let config = try Self.config()
        var reps = Self.reps
        reps["zed@example.com"] = RepSummary(
            id: 9, email: "zed@example.com", name: "Zed", team: "emea", managerEmail: "-oQ/tmp/x@example.com",
            timezoneID: nil, aliases: [])
        let routing = AlertRouting(config: config, reps: reps)
        let breach = routing.recipients(
            level: .breach, escalation: nil, policy: config.policies[0], owner: "zed@example.com")
        #expect(breach.to == ["ops@example.com"])
        #expect(breach.cc == ["zed@example.com"])
        #expect(breach.refused == ["-oq/tmp/x@example.com"])
        let warning = routing.recipients(
            level: .warning, escalation: nil, policy: config.policies[0], owner: "zed@example.com")
        #expect(warning.to == ["zed@example.com"])
        #expect(warning.refused == [])
    }

    @Test(
        "quiet hours hold a notification until they end in the recipient's own zone",
        arguments: [
            ("ann@example.com", "2026-11-26T21:00:00Z", "2026-11-27T07:00:00Z"),
            ("ann@example.com", "2026-11-27T06:30:00Z", "2026-11-27T07:00:00Z"),
            ("ann@example.com", "2026-11-26T12:00:00Z", "2026-11-26T12:00:00Z"),
            ("ann@example.com", "2026-11-26T19:59:59Z", "2026-11-26T19:59:59Z"),
            // Paris is an hour ahead in winter: 19:30Z is 20:30 there, quiet until 07:00 Paris = 06:00Z.
            ("bob@example.com", "2026-11-26T19:30:00Z", "2026-11-27T06:00:00Z"),
            ("bob@example.com", "2026-11-26T18:30:00Z", "2026-11-26T18:30:00Z"),
            // London summer time: 06:30Z is 07:30 BST, outside; 05:30Z is 06:30 BST, quiet until 06:00Z.
            ("ann@example.com", "2026-07-01T06:30:00Z", "2026-07-01T06:30:00Z"),
            ("ann@example.com", "2026-07-01T05:30:00Z", "2026-07-01T06:00:00Z"),
            // Not a rep: the configuration's zone (UTC here).
            ("ops@example.com", "2026-07-01T06:30:00Z", "2026-07-01T07:00:00Z"),
        ])
    func quietHours(address: String, now: String, expected: String) throws {
        let routing = AlertRouting(config: try Self.config(), reps: Self.reps)
        #expect(Self.iso(routing.afterQuietHours(Self.at(now), for: address)) == expected)
    }

    @Test("quiet hours that do not wrap midnight, and none at all")
    func quietDaytime() throws {
        let lunch = AlertRouting(config: try Self.config(quiet: "12:00-13:00"), reps: Self.reps)
        #expect(
            Self.iso(lunch.afterQuietHours(Self.at("2026-11-26T12:30:00Z"), for: "ann@example.com"))
                == "2026-11-26T13:00:00Z")
        #expect(
            Self.iso(lunch.afterQuietHours(Self.at("2026-11-26T13:00:00Z"), for: "ann@example.com"))
                == "2026-11-26T13:00:00Z")
        let none = AlertRouting(config: try Self.config(quiet: nil), reps: Self.reps)
        #expect(
            Self.iso(none.afterQuietHours(Self.at("2026-11-26T23:30:00Z"), for: "ann@example.com"))
                == "2026-11-26T23:30:00Z")
    }

    @Test("a daily digest hour is the next time the recipient's clock shows it")
    func dailyHour() throws {
        let routing = AlertRouting(config: try Self.config(), reps: Self.reps)
        let eight = 8 * 60
        #expect(
            Self.iso(routing.nextLocal(minutes: eight, after: Self.at("2026-11-26T07:00:00Z"), for: "ann@example.com"))
                == "2026-11-26T08:00:00Z")
        #expect(
            Self.iso(routing.nextLocal(minutes: eight, after: Self.at("2026-11-26T08:00:01Z"), for: "ann@example.com"))
                == "2026-11-27T08:00:00Z")
        #expect(
            Self.iso(routing.nextLocal(minutes: eight, after: Self.at("2026-11-26T07:30:00Z"), for: "bob@example.com"))
                == "2026-11-27T07:00:00Z")
    }
}
