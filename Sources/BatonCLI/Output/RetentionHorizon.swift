import BatonCore
import Store

/// A question about a time whose data `privacy.retention` deleted (exit 65): answering it from what is left would
/// show something else than what happened.
struct DataGoneError: CommandLineError {
    let option: String
    let asked: Int64
    let horizon: Int64
    var exitCode: ExitCode { .dataError }
    var description: String {
        "\(option) \(Timestamp.format(epochSeconds: asked)) is before \(Timestamp.format(epochSeconds: horizon)): "
            + "the data before then is gone (privacy.retention)"
    }

    /// Throws when retention is on and `time` is before the horizon it last enforced.
    static func check(_ time: Int64, option: String, config: Config, store: BatonStore) throws {
        guard config.privacy.retention != nil, let horizon = try store.privacy.retentionHorizon(), time < horizon else {
            return
        }
        throw DataGoneError(option: option, asked: time, horizon: horizon)
    }
}
