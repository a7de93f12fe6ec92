/// The property names the readers act on, as small integers: `DocumentReader` and `CalendarEvent.read` switch on
/// one instead of comparing a line's name with each name in turn. The lexer gives a line its tag with its name,
/// from the same lookup (`NameFilter`), so a tag costs nothing per line.
enum PropertyName: UInt8, Sendable {
    case other
    case begin, end, method, productID
    case uid, startTime, endTime, due, duration, summary, location, status, organizer, attendee, sequence, stamp
    case lastModified, rule, recurrenceDate, exceptionDate, recurrenceID

    /// The tag of an upper-case name; `.other` for a name the readers do not act on.
    init(_ upperName: String) {
        self =
            switch upperName {
            case "BEGIN": .begin
            case "END": .end
            case "METHOD": .method
            case "PRODID": .productID
            case "UID": .uid
            case "DTSTART": .startTime
            case "DTEND": .endTime
            case "DUE": .due
            case "DURATION": .duration
            case "SUMMARY": .summary
            case "LOCATION": .location
            case "STATUS": .status
            case "ORGANIZER": .organizer
            case "ATTENDEE": .attendee
            case "SEQUENCE": .sequence
            case "DTSTAMP": .stamp
            case "LAST-MODIFIED": .lastModified
            case "RRULE": .rule
            case "RDATE": .recurrenceDate
            case "EXDATE": .exceptionDate
            case "RECURRENCE-ID": .recurrenceID
            default: .other
            }
    }
}

/// The parameter names the readers look up, as small integers (see `PropertyName`).
enum ParameterName: UInt8, Sendable {
    case other
    case commonName, role, participationStatus, rsvp, timeZoneID, valueType, range, delegatedTo, delegatedFrom

    /// The tag of an upper-case name; `.other` for a name the readers do not look up.
    init(_ upperName: String) {
        self =
            switch upperName {
            case "CN": .commonName
            case "ROLE": .role
            case "PARTSTAT": .participationStatus
            case "RSVP": .rsvp
            case "TZID": .timeZoneID
            case "VALUE": .valueType
            case "RANGE": .range
            case "DELEGATED-TO": .delegatedTo
            case "DELEGATED-FROM": .delegatedFrom
            default: .other
            }
    }
}
