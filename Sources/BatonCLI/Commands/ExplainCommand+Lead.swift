import BatonCore
import Foundation
import SLA
import Store

extension ExplainCommand {
    /// One line of a lead's story.
    struct StoryEvent {
        var time: Int64
        /// Order among events at the same instant: lead facts, interactions, clocks stopped, clocks started,
        /// warnings and breaches, notifications.
        var rank: Int
        /// `created`, `mql`, `assigned`, `stage`, `owner`, `amount`, `reason`, `interaction`, `clock_started`, `clock_stopped`,
        /// `clock_warning`, `clock_breached`, `clock_escalation_due`, `notification_queued`, `notification_sent`,
        /// `notification_failed`, `notification_cancelled`.
        var event: String
        var text: String
        var policy: String? = nil
        var episode: Int? = nil
        var notificationID: Int64? = nil

        /// Whether the event follows from the one before it at the same instant (printed with an arrow).
        var isConsequence: Bool { event.hasPrefix("clock_") }
    }

    /// A lead: its facts, then lead events, interactions, clock episodes and notifications in one story.
    static func explainLead(
        _ detail: LeadDetail, query: String, store: BatonStore, config: Config, now: Int64, invocation: Invocation
    ) throws -> ExitCode {
        let lead = detail.lead
        let timeline = try store.mail.timeline(leadID: lead.id, now: now)
        let clocks =
            try SLAEvaluator(config: config, store: store).evaluate(now: now, leadIDs: [lead.id]).first?.episodes ?? []
        let notifications = try store.outbox.notifications().filter { $0.leadID == lead.id }
        let story = story(
            detail, timeline: timeline, clocks: clocks, notifications: notifications, config: config, now: now)
        if invocation.json {
            let address = lead.addresses.first
            let object = JSONValue.object([
                ("resolved_as", .string("lead")), ("query", .string(query)), ("now", .time(epochSeconds: now)),
                ("lead", LeadJSON.detail(detail, timeline: timeline, clocks: clocks)),
                ("notifications", .array(notifications.map { notificationJSON($0, lead: address) })),
                (
                    "story",
                    .array(
                        story.map { e in
                            .object([
                                ("time", .time(epochSeconds: e.time)), ("event", .string(e.event)),
                                ("text", .string(e.text)), ("policy", .string(e.policy)),
                                ("episode", .int(e.episode)), ("notification_id", .int(e.notificationID)),
                            ])
                        })
                ),
            ])
            invocation.out.line(object.pretty)
            return .ok
        }
        var out: [String] = []
        let name = lead.name.map { "\($0) " } ?? ""
        out += WrappedText.lines(
            "#\(lead.id)" + (lead.externalID.map { " (\($0))" } ?? "") + " \(name)<\(lead.addresses.first ?? "-")>"
                + (lead.company.map { ", \($0)" } ?? "") + (lead.companyDomain.map { " (\($0))" } ?? ""), lead: "lead ",
            hang: 2)
        if lead.addresses.count > 1 {
            out += WrappedText.lines(lead.addresses.joined(separator: ", "), lead: "  addresses: ", hang: 4)
        }
        out += WrappedText.lines(
            "stage \(lead.stage), owner \(lead.owner ?? lead.ownerEmail.map { "\($0) (not a known rep)" } ?? "nobody")"
                + (lead.team.map { " (team \($0))" } ?? "") + ", source \(lead.source ?? "-")", lead: "  ", hang: 4)
        if lead.amount != nil || lead.closedAt != nil || lead.rejectionReason != nil {
            var deal = "deal " + (lead.amount?.description ?? "amount unknown")
            if let closed = lead.closedAt { deal += ", closed \(Timestamp.format(epochSeconds: closed))" }
            if let reason = lead.rejectionReason { deal += ", sales' reason \"\(reason)\"" }
            out += WrappedText.lines(deal, lead: "  ", hang: 4)
        }
        out.append("story as of \(Timestamp.format(epochSeconds: now)):")
        var previous: Int64?
        for e in story {
            let stamp = previous == e.time ? String(repeating: " ", count: 20) : Timestamp.format(epochSeconds: e.time)
            let arrow = e.isConsequence && previous == e.time ? "→ " : ""
            out += WrappedText.lines(arrow + e.text, lead: stamp + "  ", hang: 24 + arrow.count)
            previous = e.time
        }
        out.append("clocks:")
        if clocks.isEmpty { out.append("  (no policy applies)") }
        for c in clocks {
            var text =
                "\(c.policy) #\(c.episode) \(c.state.rawValue): started \(Timestamp.format(epochSeconds: c.startedAt)), "
                + "due \(Timestamp.format(epochSeconds: c.dueAt))"
            if let stopped = c.stoppedAt { text += ", stopped \(Timestamp.format(epochSeconds: stopped))" }
            if c.lateSeconds > 0 {
                text += ", \(DurationText.format(c.lateSeconds, calendar: ClockJSON.isCalendar(c.policy, config))) late"
            }
            out += WrappedText.lines(text, lead: "  ", hang: 4)
        }
        out.append("notifications:")
        if notifications.isEmpty { out.append("  (none)") }
        for n in notifications {
            out += WrappedText.lines(
                "#\(n.id ?? 0) \(level(n)) about \(n.policy ?? "-") #\(n.episode.map(String.init) ?? "-"): \(n.state.rawValue) "
                    + "after \(n.attempts) attempt\(n.attempts == 1 ? "" : "s"), to \(recipients(n))", lead: "  ",
                hang: 4)
            var times = "created \(Timestamp.format(epochSeconds: n.createdAt))"
            if let sent = n.sentAt { times += ", sent \(Timestamp.format(epochSeconds: sent))" }
            out += WrappedText.lines(times, lead: "    ")
            out += WrappedText.lines("Message-ID <\(n.messageID)>", lead: "    ")
            if let error = n.lastError { out += WrappedText.lines(error, lead: "    last error: ", hang: 6) }
        }
        for line in out { invocation.out.line(line) }
        return .ok
    }

    /// `breach`, `escalation 1`.
    static func level(_ n: NotificationRecord) -> String { n.level.rawValue + (n.escalation.map { " \($0)" } ?? "") }

    /// `mia@example.com cc ann@example.com`, or `(nobody)`.
    static func recipients(_ n: NotificationRecord) -> String {
        (n.to.isEmpty ? "(nobody)" : n.to.joined(separator: ", "))
            + (n.cc.isEmpty ? "" : " cc " + n.cc.joined(separator: ", "))
    }

    /// Every event of a lead's life in time order (ties in `StoryEvent.rank` order, then as listed).
    static func story(
        _ detail: LeadDetail, timeline: [TimelineEntry], clocks: [ClockEpisode], notifications: [NotificationRecord],
        config: Config, now: Int64
    ) -> [StoryEvent] {
        let lead = detail.lead
        var events: [StoryEvent] = []
        if let t = lead.createdAt {
            events.append(StoryEvent(time: t, rank: 0, event: "created", text: "lead created"))
        }
        if let t = lead.mqlAt { events.append(StoryEvent(time: t, rank: 0, event: "mql", text: "became an MQL")) }
        if let t = lead.assignedAt {
            events.append(
                StoryEvent(time: t, rank: 0, event: "assigned", text: "assigned to \(lead.ownerEmail ?? "nobody")"))
        }
        for h in detail.stageHistory {
            events.append(
                StoryEvent(time: h.changedAt, rank: 0, event: "stage", text: "stage \(h.old ?? "-") → \(h.new ?? "-")"))
        }
        for h in detail.ownerHistory {
            events.append(
                StoryEvent(time: h.changedAt, rank: 0, event: "owner", text: "owner \(h.old ?? "-") → \(h.new ?? "-")"))
        }
        for h in detail.amountHistory {
            let text = "deal amount \(h.old?.description ?? "-") → \(h.new?.description ?? "-")"
            events.append(StoryEvent(time: h.changedAt, rank: 0, event: "amount", text: text))
        }
        for h in detail.reasonHistory {
            let text = "sales' reason \(h.old.map { "\"\($0)\"" } ?? "-") → \(h.new.map { "\"\($0)\"" } ?? "-")"
            events.append(StoryEvent(time: h.changedAt, rank: 0, event: "reason", text: text))
        }
        for entry in timeline {
            var text: String
            switch entry.type {
            case .meeting:
                text = "meeting (\(entry.state?.rawValue ?? "-"))"
            case .manual:
                text = "touch logged by hand"
            default:
                text =
                    "\(entry.direction?.rawValue ?? "") email"
                    + (entry.kind.map { $0 == .message ? "" : " (\($0.rawValue))" } ?? "")
            }
            if let subject = entry.subject { text += " \"\(TextTable.clip(subject, 50))\"" }
            if let rep = entry.rep { text += entry.direction == .inbound ? " to \(rep)" : " by \(rep)" }
            if let note = entry.note { text += ": \(TextTable.clip(note, 60))" }
            text += " [\(entry.match.rawValue)]"
            events.append(StoryEvent(time: entry.time, rank: 1, event: "interaction", text: text))
        }
        for c in clocks {
            let name = "\(c.policy) clock #\(c.episode)"
            func add(_ time: Int64, _ rank: Int, _ event: String, _ text: String) {
                events.append(
                    StoryEvent(time: time, rank: rank, event: event, text: text, policy: c.policy, episode: c.episode))
            }
            add(c.startedAt, 3, "clock_started", "\(name) started, due \(Timestamp.format(epochSeconds: c.dueAt))")
            let openAt = { (t: Int64) in t <= now && t > c.startedAt && (c.stoppedAt.map { $0 > t } ?? true) }
            if c.warnAt < c.dueAt && openAt(c.warnAt) && c.state != .paused {
                add(c.warnAt, 4, "clock_warning", "\(name) reached its warning point")
            }
            if openAt(c.dueAt) && c.state != .paused {
                add(c.dueAt, 4, "clock_breached", "\(name) breached")
            }
            for (n, t) in c.escalationsAt.enumerated() where openAt(t) && c.state != .paused {
                add(t, 4, "clock_escalation_due", "\(name) escalation \(n + 1) due")
            }
            if let stopped = c.stoppedAt {
                var text = "\(name) \(c.state == .metLate ? "met late" : c.state.rawValue)"
                if c.lateSeconds > 0 {
                    text +=
                        " (\(DurationText.format(c.lateSeconds, calendar: ClockJSON.isCalendar(c.policy, config))) late)"
                }
                if let reason = c.stopReason, reason != "touch" {
                    text += ": \(reason.replacingOccurrences(of: "_", with: " "))"
                }
                add(stopped, 2, "clock_stopped", text)
            }
        }
        for n in notifications {
            let about = "\(level(n)) alert #\(n.id ?? 0) about \(n.policy ?? "-") #\(n.episode.map(String.init) ?? "-")"
            func add(_ time: Int64, _ event: String, _ text: String) {
                events.append(
                    StoryEvent(
                        time: time, rank: 5, event: event, text: text, policy: n.policy, episode: n.episode,
                        notificationID: n.id))
            }
            if n.state == .sent, let sent = n.sentAt, sent == n.createdAt {
                add(sent, "notification_sent", "\(about) sent to \(recipients(n))")
                continue
            }
            var queued = "\(about) queued for \(recipients(n))"
            if n.notBefore > n.createdAt { queued += ", held until \(Timestamp.format(epochSeconds: n.notBefore))" }
            add(n.createdAt, "notification_queued", queued)
            switch n.state {
            case .sent:
                add(n.sentAt ?? n.createdAt, "notification_sent", "\(about) sent")
            case .failed:
                add(
                    n.nextAttemptAt, "notification_failed",
                    "\(about) failed after \(n.attempts) attempt\(n.attempts == 1 ? "" : "s")"
                        + (n.lastError.map { ": \($0)" } ?? ""))
            case .cancelled:
                add(n.createdAt, "notification_cancelled", "\(about) cancelled" + (n.lastError.map { ": \($0)" } ?? ""))
            default:
                if n.attempts > 0 {
                    add(
                        n.createdAt, "notification_queued",
                        "\(about) still queued after \(n.attempts) attempt\(n.attempts == 1 ? "" : "s")"
                            + (n.lastError.map { ": \($0)" } ?? "")
                            + "; next \(Timestamp.format(epochSeconds: n.nextAttemptAt))")
                }
            }
        }
        return events.enumerated().sorted { a, b in
            (a.element.time, a.element.rank, a.offset) < (b.element.time, b.element.rank, b.offset)
        }.map(\.element)
    }

    /// One notification with the keys of `baton alerts list --json`.
    static func notificationJSON(_ n: NotificationRecord, lead: String?) -> JSONValue {
        .object([
            ("id", .int(n.id ?? 0)), ("kind", .string(n.kind.rawValue)), ("lead", .string(lead)),
            ("lead_id", n.leadID.map { .int($0) } ?? .null), ("policy", .string(n.policy)),
            ("episode", n.episode.map { .int($0) } ?? .null), ("level", .string(n.level.rawValue)),
            ("escalation", n.escalation.map { .int($0) } ?? .null), ("to", .array(n.to.map { .string($0) })),
            ("cc", .array(n.cc.map { .string($0) })), ("state", .string(n.state.rawValue)),
            ("attempts", .int(n.attempts)),
            ("message_id", .string(n.messageID)), ("last_error", .string(n.lastError)),
            ("created_at", .time(epochSeconds: n.createdAt)), ("not_before", .time(epochSeconds: n.notBefore)),
            ("sent_at", .time(epochSeconds: n.sentAt)), ("due_at", .time(epochSeconds: n.dueAt)),
        ])
    }
}
