extension Migrations {
    /// The fourteenth: the writer marks a lead's clocks when it stores an interaction (`MessageLog.markClocks`, once
    /// per lead and transaction), not a trigger on every row. Run for each of the millions of rows of a large first
    /// scan, the trigger's program cost more than storing the rows themselves. Updates and deletes of interactions,
    /// rarer and made by many paths (retention, `forget`, a changed match), still mark through their triggers.
    static let clockMarks = Migration(
        name: "clock marks by the writer",
        sql: """
            DROP TRIGGER IF EXISTS clock_interaction_inserted;
            """)
}
