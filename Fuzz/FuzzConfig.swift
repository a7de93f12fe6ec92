// libFuzzer target for BatonCore's configuration: arbitrary bytes through the JSON parser, then through the
// configuration loader, whose every problem message is rendered. Run through `Scripts/fuzz SECONDS` (built
// with swiftc against the instrumented BatonCore objects: a SwiftPM target fails to link with libFuzzer).
import BatonCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let value = try? JSONParser.parse(bytes) {
        _ = value
    }
    do {
        let config = try ConfigLoader.parse(bytes, path: "/nonexistent/baton/baton.json")
        _ = config.policies.count
        _ = config.teams.count
    } catch {
        _ = error.description.utf8.count
    }
    return 0
}
