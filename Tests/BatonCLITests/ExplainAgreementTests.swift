import BatonCore
import Foundation
import Store
import TestSupport
import Testing

/// `baton explain` runs the deciding code again and renders its evidence: on the whole sample world its outcome
/// must be what the scan stored and what `sla check` reports.
@Suite struct ExplainAgreementTests {
    typealias Object = [String: Any]

    static func json(_ arguments: [String], in world: TemporaryFolder) throws -> Any {
        let result = try BatonProcess.run(arguments + ["--now", ExplainCommandTests.now, "--json"], in: world.path)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    /// The keys of an episode that both `sla check --json` and explain print, as one comparable line.
    static func episode(_ e: Object) -> String {
        [
            "lead_id", "policy", "clock", "episode", "state", "started_at", "due_at", "warn_at", "stopped_at",
            "stop_reason", "elapsed_seconds", "late_seconds", "paused_seconds", "owner",
        ]
        .map { "\(e[$0] ?? "nil")" }.joined(separator: " ")
    }

    @Test("every message: kind, outcome, match method and leads, and the clocks it moved agree with the scan")
    func messages() throws {
        let world = try ExplainCommandTests.scannedWorld()
        let store = try BatonStore(path: world.file("var/baton.sqlite"))
        let episodes = (try Self.json(["sla", "check"], in: world) as! [Object]).map(Self.episode)
        let messages = try store.mail.allMessages()
        #expect(messages.count == 21)
        var explainedClocks = 0
        for message in messages {
            let id = try #require(message.id)
            let stored = try #require(try store.mail.storedMessage(id: id))
            // A message without a Message-ID is explained by the file it was read from.
            let sighting = try #require(stored.sightings.first)
            let argument =
                message.messageID
                ?? (sighting.source + "/" + (sighting.location.split(separator: "#").first.map(String.init) ?? ""))
            let object = try Self.json(["explain", argument], in: world) as! Object
            let found = (object["messages"] as! [Object]).first { $0["dedupe_key"] as? String == message.dedupeKey }
            let m = try #require(found, "explain \(argument) did not find \(message.dedupeKey)")
            #expect(m["kind"] as? String == message.kind.rawValue, "\(argument)")
            #expect(m["outcome"] as? String == message.outcome.rawValue, "\(argument)")
            #expect(m["outcome_detail"] as? String == message.outcomeDetail, "\(argument)")
            let reasons = m["kind_reasons"] as? [String]
            #expect(reasons?.isEmpty == false, "\(argument): no kind evidence")
            let interactions = stored.interactions.map {
                "\($0.leadID) \($0.match.rawValue) \($0.direction?.rawValue ?? "-")"
            }.sorted()
            let shown = (m["interactions"] as! [Object]).map {
                "\($0["lead_id"]!) \($0["match"]!) \($0["direction"] as? String ?? "-")"
            }
            #expect(shown.sorted() == interactions, "\(argument)")
            let rematch = m["rematch"] as! Object
            #expect(rematch["agrees"] as? Bool == true, "\(argument)")
            #expect(rematch["outcome"] as? String == message.outcome.rawValue, "\(argument)")
            let again = (rematch["interactions"] as! [Object]).map {
                "\($0["lead_id"]!) \($0["match"]!) \($0["direction"] as? String ?? "-")"
            }
            #expect(again.sorted() == interactions, "\(argument)")
            for clock in m["clocks"] as! [Object] {
                explainedClocks += 1
                #expect(episodes.contains(Self.episode(clock)), "\(argument): \(Self.episode(clock))")
                let times = stored.interactions.filter { "\($0.leadID)" == "\(clock["lead_id"]!)" }.map {
                    Timestamp.format(epochSeconds: $0.time)
                }
                switch clock["effect"] as? String {
                case "started": #expect(times.contains(clock["started_at"] as! String), "\(argument)")
                case "stopped": #expect(times.contains(clock["stopped_at"] as! String), "\(argument)")
                case "already_running":
                    #expect(times.allSatisfy { (clock["started_at"] as! String) < $0 }, "\(argument)")
                default: Issue.record("\(argument): effect \(clock["effect"] ?? "nil")")
                }
            }
        }
        #expect(explainedClocks == 18)
    }

    @Test("every lead: its clock episodes are those of sla check, and its story starts and stops each of them")
    func leads() throws {
        let world = try ExplainCommandTests.scannedWorld()
        let store = try BatonStore(path: world.file("var/baton.sqlite"))
        let episodes = (try Self.json(["sla", "check"], in: world) as! [Object])
        let leads = try store.people.leads()
        #expect(leads.count == 8)
        for lead in leads {
            let object = try Self.json(["explain", "#\(lead.id)"], in: world) as! Object
            #expect(object["resolved_as"] as? String == "lead")
            let clocks = ((object["lead"] as! Object)["clocks"] as! [Object]).map(Self.episode)
            let expected = episodes.filter { "\($0["lead_id"]!)" == "\(lead.id)" }.map(Self.episode)
            #expect(clocks == expected, "lead #\(lead.id)")
            let story = (object["story"] as! [Object]).map { $0["event"] as! String }
            #expect(story.filter { $0 == "clock_started" }.count == expected.count, "lead #\(lead.id)")
            let stopped = episodes.filter { "\($0["lead_id"]!)" == "\(lead.id)" && !($0["stopped_at"] is NSNull) }
            #expect(story.filter { $0 == "clock_stopped" }.count == stopped.count, "lead #\(lead.id)")
        }
    }
}
