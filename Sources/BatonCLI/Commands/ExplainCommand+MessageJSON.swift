import BatonCore
import Foundation
import Ingest
import MailParsing
import SLA
import Store

extension ExplainCommand {
    static func json(_ m: ExplainedMessage, context: MessageContext) -> JSONValue {
        let r = m.record
        func people(_ role: ParticipantRole) -> JSONValue {
            .array(
                r.participants.filter { $0.role == role }.map {
                    .object([("name", .string($0.name)), ("address", .string($0.address))])
                })
        }
        func interaction(_ i: InteractionRecord, withTime: Bool) -> JSONValue {
            var pairs: [(String, JSONValue)] = [
                ("lead_id", .int(i.leadID)), ("lead", .string(context.labels[i.leadID])),
                ("type", .string(i.type.rawValue)),
                ("direction", .string(i.direction?.rawValue)), ("rep", .string(i.rep)),
            ]
            if withTime { pairs.append(("time", .time(epochSeconds: i.time))) }
            pairs += [("kind", .string(i.kind?.rawValue)), ("match", .string(i.match.rawValue))]
            return .object(pairs)
        }
        let rematch = m.rematch
        let steps = rematch.steps.map { s in
            JSONValue.object([
                ("rule", .string(s.rule)), ("verdict", .string(s.verdict.rawValue)), ("address", .string(s.address)),
                ("leads", .array(s.leads.map { .int($0) })), ("text", .string(s.text)),
            ])
        }
        return .object([
            ("message_id", .string(r.messageID)), ("dedupe_key", .string(r.dedupeKey)),
            ("date", .time(epochSeconds: r.sentAt)), ("time_source", .string(r.timeSource.rawValue)),
            ("date_header", .time(epochSeconds: m.parsed?.date?.secondsSinceEpoch)),
            ("from", people(.from)), ("to", people(.to)), ("cc", people(.cc)), ("bcc", people(.bcc)),
            ("subject", .string(r.subject)),
            ("kind", .string(r.kind.rawValue)),
            ("kind_reasons", m.parsed.map { .array(kindReasons($0).map { .string($0) }) } ?? .null),
            ("failed_recipients", .array(r.failedRecipients.map { .string($0) })),
            ("references", .array(r.refs.map { .string($0) })),
            ("mailbox_rep", .string(r.mailboxRep)),
            ("scanned", .bool(m.stored != nil)), ("scanned_at", .time(epochSeconds: m.stored?.scannedAt)),
            ("location", .string(m.location)),
            (
                "sightings",
                .array(
                    (m.stored?.sightings ?? []).map {
                        .object([
                            ("source", .string($0.source)), ("location", .string($0.location)),
                            ("seen_at", .time(epochSeconds: $0.seenAt)),
                        ])
                    })
            ),
            ("outcome", .string(m.stored?.record.outcome.rawValue)),
            ("outcome_detail", .string(m.stored?.record.outcomeDetail)),
            (
                "rematch",
                .object([
                    ("outcome", .string(rematch.result.outcome.rawValue)), ("detail", .string(rematch.result.detail)),
                    ("direction", .string(rematch.direction?.rawValue)), ("rep", .string(rematch.rep)),
                    ("rep_reason", .string(rematch.repReason)), ("agrees", m.stored == nil ? .null : .bool(m.agrees)),
                    ("steps", .array(steps)),
                    ("interactions", .array(rematch.result.interactions.map { interaction($0, withTime: false) })),
                ])
            ),
            ("interactions", .array((m.stored?.interactions ?? []).map { interaction($0, withTime: true) })),
            (
                "clocks",
                .array(
                    m.clocks.map { c in
                        guard
                            case .object(let pairs) = ClockJSON.episode(
                                c.episode, lead: context.labels[c.episode.leadID])
                        else { return .null }
                        return .object([("effect", .string(c.effect))] + pairs)
                    })
            ),
        ])
    }
}
