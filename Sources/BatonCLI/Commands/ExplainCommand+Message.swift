import BatonCore
import Foundation
import Ingest
import MailParsing
import SLA
import Store

extension ExplainCommand {
    // MARK: Messages

    /// Everything one message's explanation needs from the store, read once.
    struct MessageContext {
        let store: BatonStore
        let config: Config
        let now: Int64
        let directory: MatchDirectory
        /// Each lead's first address, by id.
        let labels: [Int64: String]

        init(store: BatonStore, config: Config, now: Int64) throws {
            self.store = store
            self.config = config
            self.now = now
            directory = try MatchDirectory.load(from: store, config: config)
            labels = try ClockJSON.firstAddresses(store)
        }

        func label(_ lead: Int64) -> String { "lead #\(lead)" + (labels[lead].map { " \($0)" } ?? "") }

        /// The stored copy of a record read from a file: the same key, else (forwarded originals and their
        /// mailbox copies) the same sender, minute and subject, as the scanner finds it.
        func find(_ record: MessageRecord) throws -> Int64? {
            try store.mail.storedCopy(of: record, inlineTwins: true)?.id
        }

        /// The stored message parsed again from the first sighting whose file is still there.
        func reread(_ stored: StoredMessage) -> MailMessage? {
            for sighting in stored.sightings {
                if let message = MessageFileReader.reread(
                    source: sighting.source, location: sighting.location, config: config)
                {
                    return message
                }
            }
            return nil
        }

        func explain(record: MessageRecord, parsed: MailMessage?, stored: StoredMessage?) throws -> ExplainedMessage {
            let rematch = try MatchExplanation.explain(
                record, directory: directory, alertsFrom: config.alerts.from, threadLeads: store.mail.threadLeads,
                storedReferences: store.mail.storedReferences, labels: labels)
            var clocks: [ClockEffect] = []
            var movesClocks = false
            let interactions = stored?.interactions ?? []
            let leadIDs = Array(Set(interactions.map(\.leadID))).sorted()
            if !leadIDs.isEmpty {
                let evaluated = try SLAEvaluator(config: config, store: store).evaluate(now: now, leadIDs: leadIDs)
                for interaction in interactions {
                    guard let lead = evaluated.first(where: { $0.facts.leadID == interaction.leadID }),
                        let effects = ClockEffect.effects(of: interaction, lead: lead)
                    else { continue }
                    movesClocks = true
                    clocks += effects
                }
            }
            return ExplainedMessage(
                record: record, parsed: parsed, location: nil, stored: stored, rematch: rematch, clocks: clocks,
                movesClocks: movesClocks)
        }
    }

    /// One message explained.
    struct ExplainedMessage {
        var record: MessageRecord
        var parsed: MailMessage?
        /// File only: where a scan of its source records it.
        var location: String?
        var stored: StoredMessage?
        var rematch: MatchExplanation
        var clocks: [ClockEffect]
        /// Whether any of its interactions is a touch to the clocks (an auto-reply or a bounce is none).
        var movesClocks: Bool

        /// Whether today's matching gives what the scan stored.
        var agrees: Bool {
            guard let stored else { return false }
            let wanted = Set(
                rematch.result.interactions.map { i -> InteractionRecord in
                    var i = i
                    i.messageID = stored.record.id
                    return i
                })
            return stored.record.outcome == rematch.result.outcome && Set(stored.interactions) == wanted
        }
    }

    /// A clock episode an interaction started or stopped.
}
