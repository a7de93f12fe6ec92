import BatonCore
import Foundation

/// The facts of one alert, cleaned and laid out once, so that the text and HTML parts say the same thing.
///
/// Every string here has been through `UntrustedText.line`: no controls, no line breaks. The renderers
/// (`AlertDocument+Text.swift`, `AlertDocument+HTML.swift`) add the layout and, for HTML, the escaping.
struct AlertDocument {
    /// One labelled fact.
    struct Row: Equatable {
        var label: String
        var value: String
    }

    /// A titled group of facts.
    struct Section: Equatable {
        var title: String
        var rows: [Row]
    }

    /// A link to the lead in the CRM.
    struct Link: Equatable {
        /// The URL with the external id percent-encoded.
        var url: String
        /// Whether the URL is `http` or `https`, the only schemes made clickable.
        var clickable: Bool
    }

    /// One sentence saying what happened.
    var headline: String
    /// The lead, then the clock.
    var sections: [Section]
    /// One line per recent interaction, most recent last.
    var interactions: [String]
    /// The CRM link, when there is a template and an external id.
    var link: Link?

    static let interactionsTitle = "Recent interactions (most recent last)"

    /// The facts of `content`.
    init(_ content: AlertContent, crmURLTemplate: String?) {
        let zone = content.zone
        let lead = content.lead
        let clock = Self.clockPhrase(content.clock)
        let label = Self.leadLabel(lead)
        switch content.level {
        case .warning:
            headline =
                "\(content.level.title): the \(clock) \(Self.preposition(content.clock)) \(label) is due "
                + "\(AlertTimeText.local(content.dueAt, in: zone))."
        case .breach, .escalation:
            headline =
                "\(content.level.title): the \(clock) \(Self.preposition(content.clock)) \(label) is "
                + "\(AlertTimeText.duration(content.lateSeconds, basis: content.timeBasis)) late."
        }

        var leadRows: [Row] = []
        func add(_ label: String, _ value: String?) {
            if let value = UntrustedText.optionalLine(value) { leadRows.append(Row(label: label, value: value)) }
        }
        add("Name", lead.name)
        add("Company", lead.company)
        add("Source", lead.source)
        add("Stage", lead.stage)
        let addresses = lead.addresses.compactMap(UntrustedText.optionalLine)
        add("Addresses", addresses.isEmpty ? "none" : addresses.joined(separator: ", "))
        add("Owner", lead.owner.map(Self.person) ?? "none")
        add("CRM id", lead.externalID)

        var clockRows = [
            Row(label: "Policy", value: UntrustedText.line(content.policy)),
            Row(label: "Clock", value: Self.clockDescription(content.clock, basis: content.timeBasis)),
            Row(label: "Started", value: AlertTimeText.localAndUTC(content.startedAt, in: zone)),
            Row(label: "Due", value: AlertTimeText.localAndUTC(content.dueAt, in: zone)),
        ]
        if content.level != .warning {
            clockRows.append(
                Row(label: "Late", value: AlertTimeText.duration(content.lateSeconds, basis: content.timeBasis)))
        }
        sections = [Section(title: "Lead", rows: leadRows), Section(title: "SLA", rows: clockRows)]
        interactions = content.recent.map { Self.interactionLine($0, zone: zone) }
        link = Self.link(template: crmURLTemplate, externalID: lead.externalID)
    }

    /// How the lead is named in subjects and headlines: `Carol Jones (Acme)`; the first address, then the CRM
    /// id, stand in for a missing name.
    static func leadLabel(_ lead: AlertLead, limit: Int? = nil) -> String {
        var name =
            UntrustedText.optionalLine(lead.name)
            ?? lead.addresses.lazy.compactMap(UntrustedText.optionalLine).first
            ?? UntrustedText.optionalLine(lead.externalID) ?? "an unnamed lead"
        var company = UntrustedText.optionalLine(lead.company)
        if let limit {
            name = UntrustedText.shortened(name, to: limit)
            company = company.map { UntrustedText.shortened($0, to: limit * 3 / 4) }
        }
        return company.map { "\(name) (\($0))" } ?? name
    }

    /// The clock as words: `first response`, `reply`, `meeting follow-up`, `acceptance`, `next touch`.
    /// The word that joins a clock's phrase to the lead: "reply to Dana", "acceptance of Ivan".
    /// No clock (a notification row stored without one, which the planner never writes) reads as nothing, "to".
    static func preposition(_ clock: Config.Policy.Clock?) -> String {
        switch clock {
        case .acceptance: "of"
        case .meetingFollowUp, .noTouch: "with"
        case .firstResponse, .reply, nil: "to"
        }
    }

    static func clockPhrase(_ clock: Config.Policy.Clock?) -> String {
        switch clock {
        case .firstResponse: "first response"
        case .reply: "reply"
        case .meetingFollowUp: "meeting follow-up"
        case .acceptance: "acceptance"
        case .noTouch: "next touch"
        case nil: ""
        }
    }

    /// `first response (business time)`.
    static func clockDescription(_ clock: Config.Policy.Clock?, basis: Config.Policy.TimeBasis) -> String {
        "\(clockPhrase(clock)) (\(basis.rawValue) time)"
    }

    /// `Ann Smith <ann@example.com>`, or the address alone.
    static func person(_ recipient: AlertRecipient) -> String {
        let address = UntrustedText.line(recipient.address)
        guard let name = UntrustedText.optionalLine(recipient.name) else { return address }
        return "\(name) <\(address)>"
    }

    /// `Mon 2 Mar 2026 16:05 Europe/London (2026-03-02T16:05:00Z): inbound email "Pricing?" (rep ann@example.com)`.
    static func interactionLine(_ interaction: AlertInteraction, zone: TimeZone) -> String {
        var line = AlertTimeText.localAndUTC(interaction.time, in: zone) + ": "
        switch interaction.type {
        case .email:
            line += interaction.direction.map { "\($0.rawValue) email" } ?? "email"
        case .manual:
            line += "manual touch"
        case .meeting:
            line += interaction.type.rawValue
        }
        if let subject = UntrustedText.optionalLine(interaction.subject) { line += " \"\(subject)\"" }
        if let rep = UntrustedText.optionalLine(interaction.rep) { line += " (rep \(rep))" }
        return line
    }

    /// The CRM link: the template with `{external_id}` replaced by the id percent-encoded (RFC 3986 section 2.1,
    /// everything but unreserved characters); nil when either is missing.
    static func link(template: String?, externalID: String?) -> Link? {
        guard let template = UntrustedText.optionalLine(template), let externalID, !externalID.isEmpty else {
            return nil
        }
        let url = template.replacingOccurrences(of: "{external_id}", with: percentEncoded(externalID))
        let lower = url.lowercased()
        return Link(url: url, clickable: lower.hasPrefix("https://") || lower.hasPrefix("http://"))
    }

    /// Every octet but `ALPHA / DIGIT / "-" / "." / "_" / "~"` as `%XX`.
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for b in text.utf8 {
            switch b {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                out += String(format: "%%%02X", b)
            }
        }
        return out
    }
}
