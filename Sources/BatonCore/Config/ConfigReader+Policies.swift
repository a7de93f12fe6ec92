import Foundation

/// Teams and their hours, policies, alerts and the transport.
extension ConfigReader {
    mutating func teams(_ v: JSONValue?) -> [Config.Team]? {
        guard let v else { return nil }
        guard case .object(let pairs) = v else {
            problem("teams", "expected an object of teams by name, got \(Self.typeName(v))")
            return nil
        }
        if pairs.isEmpty { problem("teams", "at least one team is needed") }
        var result: [Config.Team] = []
        for (name, value) in pairs {
            let p = "teams." + name
            guard
                let m = object(value, p, allowed: ["timezone", "hours", "holidays"], required: ["timezone", "hours"])
            else { continue }
            let zone = timezone(m["timezone"], p + ".timezone")
            let hours = hours(m["hours"], p + ".hours")
            var holidays: [Config.Holiday] = []
            var holidaysFile: String?
            switch m["holidays"] {
            case nil: break
            case .string?: holidaysFile = path(m["holidays"], p + ".holidays", mustExist: true)
            case let h?: holidays = self.holidays(h, p + ".holidays") ?? []
            }
            if let zone, let hours {
                result.append(
                    Config.Team(
                        name: name, timezoneID: zone, hours: hours, holidays: holidays, holidaysFile: holidaysFile))
            }
        }
        return result
    }

    mutating func hours(_ v: JSONValue?, _ path: String) -> WeeklyHours? {
        guard let v else { return nil }
        guard case .object(let pairs) = v else {
            problem(path, "expected an object such as {\"mon-fri\": \"09:00-17:30\"}, got \(Self.typeName(v))")
            return nil
        }
        var week = WeeklyHours()
        var seen = Set<Int>()
        for (key, value) in pairs {
            let p = path + "." + key
            guard let days = WeeklyHours.parseDays(key) else {
                problem(p, "'\(key)' is not a day (mon … sun) or a range of days (mon-fri)")
                continue
            }
            guard let text = string(value, p) else { continue }
            switch WeeklyHours.parseSpans(text) {
            case .failure(let e): problem(p, e.description)
            case .success(let spans):
                for d in days {
                    if seen.contains(d) { problem(p, "\(WeeklyHours.dayNames[d]) is given twice") }
                    seen.insert(d)
                    week.days[d] = spans
                }
            }
        }
        if pairs.isEmpty { problem(path, "no working day given") }
        return week
    }

    mutating func holidays(_ v: JSONValue, _ path: String) -> [Config.Holiday]? {
        guard let items = list(v, path) else { return nil }
        var result: [Config.Holiday] = []
        for (p, item) in items {
            guard let s = string(item, p) else { continue }
            let parts = s.split(separator: " ", maxSplits: 1).map(String.init)
            let dateParts = parts.first?.split(separator: "-").compactMap { Int($0) } ?? []
            guard dateParts.count == 3, parts[0].count == 10,
                Timestamp.isValidDate(year: dateParts[0], month: dateParts[1], day: dateParts[2])
            else {
                problem(p, "'\(s)' is not a date (2026-12-25) or a half day (2026-12-24 09:00-13:00)")
                continue
            }
            var spans: [WeeklyHours.Span] = []
            if parts.count == 2 {
                switch WeeklyHours.parseSpans(parts[1]) {
                case .failure(let e):
                    problem(p, e.description)
                    continue
                case .success(let s): spans = s
                }
            }
            result.append(
                Config.Holiday(year: dateParts[0], month: dateParts[1], day: dateParts[2], workingSpans: spans))
        }
        return result
    }

    static let policyKeys = [
        "name", "clock", "target", "time", "stages", "pause_stages", "start", "sources", "teams", "warn_at", "escalate",
    ]

    mutating func policies(_ v: JSONValue?, teamNames: [String]) -> [Config.Policy]? {
        guard let items = list(v, "policies") else { return nil }
        var result: [Config.Policy] = []
        var names = Set<String>()
        for (p, item) in items {
            guard
                let m = object(
                    item, p, allowed: Self.policyKeys, required: ["name", "clock", "target", "time", "stages"])
            else { continue }
            let name = string(m["name"], p + ".name")
            if let name {
                if name.isEmpty { problem(p + ".name", "must not be empty") }
                if !names.insert(name).inserted { problem(p + ".name", "another policy is called '\(name)'") }
            }
            let clock = choice(m["clock"], p + ".clock", Config.Policy.Clock.allCases.map(\.rawValue)).flatMap {
                Config.Policy.Clock(rawValue: $0)
            }
            let target = duration(m["target"], p + ".target")
            let time = choice(m["time"], p + ".time", ["business", "calendar"]).flatMap {
                Config.Policy.TimeBasis(rawValue: $0)
            }
            let covered = stages(m["stages"], p + ".stages")
            if let covered, covered.isEmpty { problem(p + ".stages", "expected at least one stage") }
            let pause: [Stage]? =
                m["pause_stages"] == nil ? [.nurture, .onHold] : stages(m["pause_stages"], p + ".pause_stages")
            let start =
                m["start"] == nil
                ? PolicyStart.assigned
                : choice(m["start"], p + ".start", PolicyStart.allCases.map(\.rawValue)).flatMap(
                    PolicyStart.init(rawValue:))
            if m["start"] != nil, let clock, clock != .firstResponse {
                problem(p + ".start", "only first_response clocks have a start setting")
            }
            let sources = m["sources"].flatMap { strings($0, p + ".sources") }
            var teams: [String]?
            if let list = m["teams"].flatMap({ strings($0, p + ".teams") }) {
                for t in list where !teamNames.contains(t) { problem(p + ".teams", "no team called '\(t)' in teams") }
                teams = list
            }
            var warnAt = 0.75
            if let w = number(m["warn_at"], p + ".warn_at") {
                if w > 0 && w < 1 {
                    warnAt = w
                } else {
                    problem(p + ".warn_at", "expected a fraction between 0 and 1, got \(w)")
                }
            }
            var ladder: [Config.Policy.Escalation] = []
            for (ep, e) in list(m["escalate"], p + ".escalate") ?? [] {
                guard let em = object(e, ep, allowed: ["after", "to"], required: ["after", "to"]) else { continue }
                let after = duration(em["after"], ep + ".after")
                var to: EscalationTarget?
                if let s = string(em["to"], ep + ".to") {
                    if s == EscalationTarget.managerOfManagerText {
                        to = .managerOfManager
                    } else {
                        to = address(em["to"], ep + ".to").map(EscalationTarget.address)
                    }
                }
                if let after, let to { ladder.append(.init(after: after, to: to)) }
            }
            if let name, let clock, let target, let time, let stages = covered, let pause, let start {
                result.append(
                    Config.Policy(
                        name: name, clock: clock, target: target, time: time, stages: stages, pauseStages: pause,
                        start: start, sources: sources, teams: teams, warnAt: warnAt, escalate: ladder))
            }
        }
        return result
    }

    static let alertKeys = [
        "from", "reply_to", "active_from", "fallback_to", "quiet_hours", "digest", "weekly_digest", "crm_url",
        "transport",
    ]

    mutating func alerts(_ v: JSONValue?) -> Config.Alerts? {
        guard let v, let m = object(v, "alerts", allowed: Self.alertKeys, required: ["from", "transport"]) else {
            return nil
        }
        let from = address(m["from"], "alerts.from")
        let replyTo = m["reply_to"].flatMap { address($0, "alerts.reply_to") }
        let fallback = m["fallback_to"].flatMap { address($0, "alerts.fallback_to") }
        var activeFrom: Int64?
        if let s = m["active_from"].flatMap({ string($0, "alerts.active_from") }) {
            activeFrom = Timestamp.parse(s, in: TimeZone(identifier: "UTC")!)
            if activeFrom == nil { problem("alerts.active_from", "'\(s)' is not a date or time (2026-11-02T09:00Z)") }
        }
        var quiet: (Int, Int)?
        if let s = m["quiet_hours"].flatMap({ string($0, "alerts.quiet_hours") }) {
            let b = s.split(separator: "-")
            if b.count == 2, let start = WeeklyHours.minutes(String(b[0])), let end = WeeklyHours.minutes(String(b[1])),
                start != end
            {
                quiet = (start, end)
            } else {
                problem("alerts.quiet_hours", "'\(s)' is not a time range like 20:00-07:00")
            }
        }
        var digest = DigestMode.off
        if let s = m["digest"].flatMap({ string($0, "alerts.digest") }) {
            if let mode = DigestMode(s) {
                digest = mode
            } else {
                problem("alerts.digest", "'\(s)' is not off, run or daily HH:MM")
            }
        }
        var weekly: Config.WeeklyDigest?
        if let w = m["weekly_digest"],
            let wm = object(w, "alerts.weekly_digest", allowed: ["day", "at", "to"], required: ["day", "at", "to"])
        {
            let day = choice(wm["day"], "alerts.weekly_digest.day", WeeklyHours.dayNames).flatMap {
                WeeklyHours.dayNames.firstIndex(of: $0)
            }
            var at: Int?
            if let s = string(wm["at"], "alerts.weekly_digest.at") {
                at = WeeklyHours.minutes(s)
                if at == nil { problem("alerts.weekly_digest.at", "'\(s)' is not a time like 08:00") }
            }
            let to = addresses(wm["to"], "alerts.weekly_digest.to")
            if let day, let at, let to { weekly = .init(day: day, at: at, to: to) }
        }
        let crmURL = m["crm_url"].flatMap { string($0, "alerts.crm_url") }
        let transport = transport(m["transport"])
        guard let from, let transport else { return nil }
        return Config.Alerts(
            from: from, replyTo: replyTo, activeFrom: activeFrom, fallbackTo: fallback, quietHours: quiet,
            digest: digest, weeklyDigest: weekly, crmURL: crmURL, transport: transport)
    }

    mutating func transport(_ v: JSONValue?) -> Config.Transport? {
        guard let v else { return nil }
        let p = "alerts.transport"
        guard case .object(let pairs) = v else {
            problem(p, "expected an object, got \(Self.typeName(v))")
            return nil
        }
        let type = pairs.first { $0.0 == "type" }?.1
        switch type.flatMap({ string($0, p + ".type") }) {
        case "sendmail":
            guard
                let m = object(v, p, allowed: ["type", "path", "args", "timeout", "max_attempts"], required: ["type"])
            else { return nil }
            let path = m["path"] == nil ? "/usr/sbin/sendmail" : self.path(m["path"], p + ".path")
            let args = m["args"] == nil ? [] : strings(m["args"], p + ".args")
            let timeout =
                m["timeout"] == nil
                ? DurationSpec(amount: 30, unit: .seconds) : duration(m["timeout"], p + ".timeout", allowSeconds: true)
            let attempts = m["max_attempts"] == nil ? 10 : integer(m["max_attempts"], p + ".max_attempts")
            guard let path, let args, let timeout, let attempts else { return nil }
            return .sendmail(path: path, args: args, timeout: timeout, maxAttempts: attempts)
        case "folder":
            guard let m = object(v, p, allowed: ["type", "path"], required: ["type", "path"]),
                let path = self.path(m["path"], p + ".path")
            else { return nil }
            return .folder(path: path)
        case nil:
            if type == nil { problem(p + ".type", "missing required key") }
            return nil
        case let other?:
            problem(p + ".type", "'\(other)' is not one of sendmail, folder")
            return nil
        }
    }
}
