import BatonCore

/// What Baton does with a person's data on request or by policy (`store.privacy`): forgetting a person
/// (`PersonalData+Forget.swift`), exporting what is stored about them (`+Export`) and enforcing the retention window
/// (`+Retention`). A topic of `BatonStore`: a value holding the store's connection and nothing else.
public struct PersonalData {
    /// The store's connection.
    let database: any Database
}
