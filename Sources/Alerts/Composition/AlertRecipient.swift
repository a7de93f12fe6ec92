/// One person an alert is addressed to (or sent from): an optional display name and an addr-spec.
///
/// Values come from CRM exports and mail, so they are untrusted: the composer strips controls from the name,
/// encodes it as RFC 5322 and 2047 require, and leaves out a recipient whose address is not a plain
/// `local@domain` (see `AlertComposer`).
public struct AlertRecipient: Sendable, Equatable {
    /// The display name, or nil.
    public var name: String?
    /// The addr-spec, `local@domain`, without angle brackets.
    public var address: String

    /// A recipient.
    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }
}
