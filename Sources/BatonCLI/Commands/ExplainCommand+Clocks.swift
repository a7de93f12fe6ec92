import BatonCore
import Foundation
import Ingest
import MailParsing
import SLA
import Store

extension ExplainCommand {
    /// What a message's interaction did to a clock episode, read from the clock engine's evidence.
    struct ClockEffect {
        /// `started`, `stopped`, or `already_running` (an inbound email while an earlier one waits for an
        /// answer: the reply clock keeps the older start).
        var effect: String
        var episode: ClockEpisode
        var interaction: InteractionRecord

        /// The episodes of `lead` whose evidence names `interaction`: started or stopped by it, or running already
        /// when it came. Nil when the interaction is no touch to the clocks (an auto-reply, a bounce).
        static func effects(of interaction: InteractionRecord, lead: EvaluatedLead) -> [ClockEffect]? {
            // The stored row of this interaction among the lead's facts (a message has at most one interaction per
            // lead), and the touch the evaluator made of it, which carries the row's id.
            guard
                let messageID = interaction.messageID,
                let row = lead.facts.interactions.first(where: { $0.messageID == messageID }),
                let touch = SLAEvaluator.touch(row)
            else { return nil }
            var result: [ClockEffect] = []
            for (episode, evidence) in zip(lead.episodes, lead.evidence) {
                func add(_ effect: String) {
                    result.append(ClockEffect(effect: effect, episode: episode, interaction: interaction))
                }
                if evidence.stopped?.cause == .touch(touch) { add("stopped") }
                if evidence.started.cause == .touch(touch) { add("started") }
                if evidence.waiting.contains(where: { $0.cause == .touch(touch) }) { add("already_running") }
            }
            return result
        }
    }

    static func clockText(_ c: ClockEffect, context: MessageContext) -> String {
        let e = c.episode
        var text = "\(e.policy) clock #\(e.episode) of \(context.label(e.leadID)) \(c.effect)"
        if c.effect == "already_running" {
            text =
                "\(e.policy) clock #\(e.episode) of \(context.label(e.leadID)) was already running since "
                + "\(Timestamp.format(epochSeconds: e.startedAt)) (an earlier email waits for an answer)"
        }
        if c.effect == "started" { text += ", due \(Timestamp.format(epochSeconds: e.dueAt))" }
        text += "; now \(e.state.rawValue)"
        if e.lateSeconds > 0 {
            text +=
                ", \(DurationText.format(e.lateSeconds, calendar: ClockJSON.isCalendar(e.policy, context.config))) late"
        }
        return text
    }
}
