import Foundation

/// Baton's configuration (Config/README.md); every path is absolute, resolved against the file's folder.
public struct Config: Sendable {
    /// Whether `store` names a PostgreSQL server (a `postgresql://` or `postgres://` URI) rather than a file.
    public static func isSharedStore(_ store: String) -> Bool {
        let lower = store.prefix(13).lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }

    /// Whether a `postgresql://` URI carries a password: `user:password@` before the host, or a `password=`
    /// parameter.
    public static func uriHoldsPassword(_ uri: String) -> Bool {
        let rest = uri[uri.range(of: "://")!.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        if let at = authority.lastIndex(of: "@"), authority[..<at].contains(":") { return true }
        guard let query = rest.firstIndex(of: "?") else { return false }
        return rest[rest.index(after: query)...].split(separator: "&").contains {
            $0.lowercased().hasPrefix("password=")
        }
    }

    /// Whether this configuration's store is a PostgreSQL server.
    public var isSharedStore: Bool { Self.isSharedStore(store) }

    /// The configuration file itself.
    public var file: String
    /// The SQLite file, or a PostgreSQL connection URI (`isSharedStore`).
    public var store: String
    /// This host's name in a shared store (`node`); nil for the host name.
    public var node: String? = nil
    /// The zone id for dates written without one, and for reports.
    public var timezoneID: String
    /// The company's own domains, lowercased.
    public var internalDomains: [String]
    /// Shared inboxes whose unknown senders may become leads.
    public var salesAddresses: [String]
    /// Whether an unknown external sender writing to `salesAddresses` becomes a lead.
    public var autoCreateLeads: Bool
    /// Addresses and `@domain`s never logged.
    public var blocklist: [String]
    /// Address normalisation rules.
    public var matching: Matching
    /// How CRM exports map onto Baton's records.
    public var crm: CRMSettings
    /// Where mail and calendars are read from.
    public var sources: [Source]
    /// The reps' drop folder rules.
    public var drop: Drop
    /// How far ahead recurring meetings are expanded.
    public var meetingsHorizon: DurationSpec
    /// Resource limits for parsers.
    public var limits: Limits
    /// Teams in file order; the first is the default.
    public var teams: [Team]
    /// Hours for leads with no owner.
    public var defaultTeam: String
    /// SLA policies.
    public var policies: [Policy]
    /// Who gets told, how, and when.
    public var alerts: Alerts
    /// What is kept about people, and for how long.
    public var privacy = Privacy()
    /// The reports' currency, rates and targets.
    public var reports = Reports()

    /// The zone for dates written without one.
    public var timezone: TimeZone { TimeZone(identifier: timezoneID) ?? TimeZone(secondsFromGMT: 0)! }

    /// The team called `name`.
    public func team(named name: String) -> Team? { teams.first { $0.name == name } }

    /// `matching` in the configuration.
    public struct Matching: Sendable, Equatable {
        /// `a+x@d` is `a@d`.
        public var subaddress = true
        /// Dots in Gmail local parts do not count.
        public var gmailDots = true
        /// Free-mail domains beside the shipped list.
        public var freemailDomains: [String] = []
    }

    /// `crm` in the configuration.
    public struct CRMSettings: Sendable, Equatable {
        /// Which CRM's export format the files are in.
        public var preset = CRMPresetName.baton
        /// Baton column → CSV header(s); several headers are joined with a space (first and last name).
        public var columns: [String: [String]] = [:]
        /// CRM value (lowercased) → stage.
        public var stageMap: [String: Stage] = [:]
        /// Imported by `baton scan` when changed.
        public var leadsFile: String?
        /// Imported by `baton scan` when changed.
        public var repsFile: String?
        /// Marketing's spend per source and month, imported by `baton scan` when changed.
        public var spendFile: String?
    }

    /// One entry of `sources`.
    public struct Source: Sendable, Equatable {
        /// The kind of source.
        public enum Kind: String, Sendable, CaseIterable { case mbox, maildir, drop, journal, calendar }
        public var type: Kind
        /// Absolute path; may hold glob characters.
        public var path: String
        /// Whose mailbox it is (never set on a `journal` source).
        public var rep: String?
        public var label: String?
    }

    /// `drop` in the configuration.
    public struct Drop: Sendable, Equatable {
        public var requireAuthentication = false
        public var authservID: String?
        public var processed = "processed"
        public var quarantine = "quarantine"
        /// `saved_files`: read messages people save by hand into the drop folder's `saved/` subfolder (each logged
        /// as itself); off, files there are quarantined.
        public var savedFiles = false
        /// The subfolder people save message files into by hand.
        public static let savedFolder = "saved"
    }

    /// `limits` in the configuration.
    public struct Limits: Sendable, Equatable {
        public var maxMessageBytes = 50 * 1024 * 1024
        public var maxMimeDepth = 32
        public var maxOccurrences = 100_000
    }

    /// One entry of `teams`.
    public struct Team: Sendable, Equatable {
        public var name: String
        public var timezoneID: String
        public var hours: WeeklyHours
        /// Whole-day holidays and half days (the day's working spans).
        public var holidays: [Holiday]
        /// An `.ics` file of holidays, when given instead of a list.
        public var holidaysFile: String?
    }

    /// A day off, or a day with shorter hours.
    public struct Holiday: Sendable, Equatable {
        public var year: Int, month: Int, day: Int
        /// Working spans that day; empty for a whole day off.
        public var workingSpans: [WeeklyHours.Span]
    }

    /// One entry of `policies`.
    public struct Policy: Sendable, Equatable {
        /// The clock a policy runs.
        public enum Clock: String, Sendable, CaseIterable {
            case firstResponse = "first_response", reply, meetingFollowUp = "meeting_follow_up", acceptance
            case noTouch = "no_touch"
        }
        /// Business or calendar time.
        public enum TimeBasis: String, Sendable, CaseIterable { case business, calendar }
        /// One rung of an escalation ladder.
        public struct Escalation: Sendable, Equatable {
            public var after: DurationSpec
            /// The manager's manager or an address.
            public var to: EscalationTarget
        }
        public var name: String
        public var clock: Clock
        public var target: DurationSpec
        public var time: TimeBasis
        public var stages: [Stage]
        public var pauseStages: [Stage] = [.nurture, .onHold]
        /// When a first-response clock starts.
        public var start = PolicyStart.assigned
        public var sources: [String]?
        public var teams: [String]?
        public var warnAt = 0.75
        public var escalate: [Escalation] = []
    }

    /// `alerts` in the configuration.
    public struct Alerts: Sendable, Equatable {
        public var from: String
        public var replyTo: String?
        public var activeFrom: Int64?
        public var fallbackTo: String?
        /// Quiet hours as minutes after midnight in the recipient's zone; may wrap midnight.
        public var quietHours: (start: Int, end: Int)?
        /// One mail per alert, or digests.
        public var digest = DigestMode.off
        public var weeklyDigest: WeeklyDigest?
        public var crmURL: String?
        public var transport: Transport

        public static func == (a: Alerts, b: Alerts) -> Bool {
            a.from == b.from && a.replyTo == b.replyTo && a.activeFrom == b.activeFrom && a.fallbackTo == b.fallbackTo
                && a.quietHours?.start == b.quietHours?.start && a.quietHours?.end == b.quietHours?.end
                && a.digest == b.digest && a.weeklyDigest == b.weeklyDigest && a.crmURL == b.crmURL
                && a.transport == b.transport
        }
    }

    /// `privacy` in the configuration.
    public struct Privacy: Sendable, Equatable {
        /// What is kept of a message's subject (and a meeting's summary).
        public enum Subjects: String, Sendable, CaseIterable {
            /// The subject as written.
            case store
            /// Only a salted hash of its thread key, enough to match a forwarded original to its mailbox copy.
            case hash
            /// Nothing.
            case drop
        }
        public var subjects = Subjects.store
        /// How long messages, meetings, interactions and notifications' content are kept (calendar time); nil
        /// keeps them for ever.
        public var retention: DurationSpec?
    }

    /// `alerts.weekly_digest`.
    public struct WeeklyDigest: Sendable, Equatable {
        /// 0 is Monday.
        public var day: Int
        public var at: Int
        public var to: [String]
    }

    /// `alerts.transport`.
    public enum Transport: Sendable, Equatable {
        case sendmail(path: String, args: [String], timeout: DurationSpec, maxAttempts: Int)
        case folder(path: String)
    }
}
