/// One occurrence of an event: its identity (`UID`, `RECURRENCE-ID`), its span, and the component that
/// describes it (the master, or the override that replaced this instance).
public struct EventOccurrence: Sendable {
    /// `UID`.
    public var uid: String? { box.event.uid }
    /// The instance's original start; nil for a non-recurring event.
    public var recurrenceID: OccurrenceTime?
    /// The start.
    public var start: OccurrenceTime
    /// The end (exclusive; for an all-day event, the day after the last day).
    public var end: OccurrenceTime
    /// The component whose properties apply (summary, status, attendees…).
    public var event: CalendarEvent {
        get { box.event }
        set { box = EventBox(newValue, method: box.method) }
    }
    /// The calendar's `METHOD`.
    public var method: String? { box.method }
    // Shared by every occurrence of one component, so that copying an occurrence stays cheap.
    private var box: EventBox

    /// The shared box, to rank occurrences by UID without comparing strings for each pair.
    var boxIdentity: ObjectIdentifier { ObjectIdentifier(box) }

    /// The same for every occurrence of one component (while an occurrence holds it), so that what they share
    /// (UID, event, method) can be worked out once per component, not once per occurrence.
    public var componentIdentity: ObjectIdentifier { ObjectIdentifier(box) }

    /// An occurrence.
    /// An occurrence of `event` (whose `UID` it shares) in a calendar with `method`.
    public init(
        recurrenceID: OccurrenceTime?, start: OccurrenceTime, end: OccurrenceTime, event: CalendarEvent, method: String?
    ) {
        self.init(recurrenceID: recurrenceID, start: start, end: end, box: EventBox(event, method: method))
    }

    init(recurrenceID: OccurrenceTime?, start: OccurrenceTime, end: OccurrenceTime, box: EventBox) {
        self.recurrenceID = recurrenceID
        self.start = start
        self.end = end
        self.box = box
    }
}

/// An immutable event (and its calendar's method) shared by reference between occurrences.
final class EventBox: Sendable {
    let event: CalendarEvent
    let method: String?
    init(_ event: CalendarEvent, method: String?) {
        self.event = event
        self.method = method
    }
}
