import Foundation

/// A value several threads read and change, each access under one lock: what a test's worker threads report to
/// the test (a count, a flag, the errors they met).
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    public init(_ value: Value) { stored = value }

    /// The value now.
    public var value: Value { lock.withLock { stored } }

    /// Changes the value in place, under the lock.
    public func update(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}
