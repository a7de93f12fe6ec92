// libFuzzer target for CRM: split arbitrary bytes as CSV, then read them as a leads export (Baton's own
// columns and HubSpot's) and as a reps file, under one fixed configuration. Run through `Scripts/fuzz SECONDS`
// (built with swiftc against the instrumented CRM and BatonCore objects: a SwiftPM target fails to link with
// libFuzzer).
import BatonCore
import CRM

/// The configuration every input is read under: built once, from literal JSON that must be valid.
let readers: [CRMImportReader] = ["baton", "hubspot"].map { preset in
    let json = """
        {"store": "s.sqlite", "timezone": "Europe/London", "internal_domains": ["example.com"], "sources": [],
         "crm": {"preset": "\(preset)", "stage_map": {"hot": "mql"}},
         "teams": {"emea": {"timezone": "Europe/London", "hours": {"mon-fri": "09:00-17:30"}}},
         "policies": [], "alerts": {"from": "b@example.com", "transport": {"type": "folder", "path": "o"}}}
        """
    do {
        return CRMImportReader(config: try ConfigLoader.parse(Array(json.utf8), path: "/tmp/baton.json"))
    } catch {
        fatalError("FuzzCSV: the fixed configuration is invalid: \(error)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let records = try? CSVReader.records(bytes) {
        for record in records.prefix(20) { _ = record.fields.joined(separator: ",").utf8.count }
    }
    for reader in readers {
        if let leads = try? reader.leads(bytes, file: "leads.csv") {
            for problem in leads.rejected.prefix(20) { _ = problem.reason.utf8.count }
            for lead in leads.records.prefix(20) { _ = lead.addresses.count }
        }
    }
    if let reps = try? readers[0].reps(bytes, file: "reps.csv") {
        for problem in reps.rejected.prefix(20) { _ = problem.reason.utf8.count }
        for rep in reps.records.prefix(20) { _ = rep.aliases.count }
    }
    return 0
}
