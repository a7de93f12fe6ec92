// libFuzzer target for CalendarParsing: parse arbitrary bytes, expand a bounded window, merge as iTIP.
//
// Build and run (from the package root, with its own scratch path; Scripts/fuzz does the same for every target):
//   swift build -c release --target CalendarParsing -Xswiftc -sanitize=fuzzer,address --scratch-path .build-fuzz
//   swiftc -O -parse-as-library -sanitize=fuzzer,address -I .build-fuzz/release/Modules Fuzz/FuzzCalendar.swift \
//       .build-fuzz/release/CalendarParsing.build/*.o -o fuzz-calendar
//   SWIFT_BACKTRACE=enable=no ./fuzz-calendar -max_total_time=30 Tests/CalendarParsingTests/Fixtures
// libFuzzer writes new inputs into the first corpus folder: to keep Fixtures clean, fuzz a copy instead:
//   mkdir -p /tmp/cal-corpus && cp Tests/CalendarParsingTests/Fixtures/*.ics Mail/calendars/*.ics /tmp/cal-corpus/
//   SWIFT_BACKTRACE=enable=no ./fuzz-calendar -max_total_time=30 -timeout=10 /tmp/cal-corpus
// A crash leaves crash-<sha1> in the working folder: add it under Tests/CalendarParsingTests/Fixtures/fuzz/ with a test.
import CalendarParsing

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCalendar(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let document = CalendarDocument.parse(bytes)
    // A bounded window and a small occurrence cap keep each input fast, even for FREQ=SECONDLY rules.
    var expander = CalendarExpander(maxOccurrences: 2_000)
    let occurrences = expander.occurrences(in: document, from: 1_700_000_000, to: 1_800_000_000)
    for occurrence in occurrences.prefix(50) {
        _ = occurrence.start.description
        _ = occurrence.end.description
        _ = occurrence.recurrenceID?.description
    }
    var merger = MeetingMerger()
    merger.apply(document)
    _ = merger.meetings.count
    return 0
}
