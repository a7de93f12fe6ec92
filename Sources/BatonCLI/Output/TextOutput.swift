import Foundation

/// Buffered writes to a file descriptor (stdout, stderr) or, in tests, to memory.
public final class TextOutput {
    private let descriptor: Int32?
    private var buffer: [UInt8] = []
    /// Everything written, when the stream captures instead of writing to a descriptor.
    public private(set) var captured: [UInt8] = []

    /// A stream writing to `descriptor`.
    public init(descriptor: Int32) { self.descriptor = descriptor }

    /// A stream that keeps what is written in `captured`.
    public init() { self.descriptor = nil }

    /// Whether the descriptor is a terminal (progress output goes only there).
    public var isTerminal: Bool { descriptor.map { isatty($0) == 1 } ?? false }

    /// What was captured, as UTF-8 text.
    public var text: String { String(decoding: captured, as: UTF8.self) }

    /// Writes `text` as it is.
    public func write(_ text: String) {
        if descriptor == nil {
            captured.append(contentsOf: text.utf8)
            return
        }
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 64 * 1024 { flush() }
    }

    /// Writes `bytes` as they are: a large piece goes to the descriptor at once, without copying.
    public func write(bytes raw: UnsafeRawBufferPointer) {
        let bytes = raw.assumingMemoryBound(to: UInt8.self)
        if descriptor == nil {
            captured.append(contentsOf: bytes)
            return
        }
        if bytes.count < 64 * 1024 {
            buffer.append(contentsOf: bytes)
            if buffer.count >= 64 * 1024 { flush() }
            return
        }
        flush()
        writeAll(raw)
    }

    /// Writes `text` and a line feed.
    public func line(_ text: String = "") {
        write(text)
        write("\n")
    }

    /// Hands buffered bytes to the descriptor.
    public func flush() {
        guard descriptor != nil, !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ raw: UnsafeRawBufferPointer) {
        guard let descriptor else { return }
        var offset = 0
        while offset < raw.count {
            let n = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                break
            }
            offset += n
        }
    }

    deinit { flush() }
}
