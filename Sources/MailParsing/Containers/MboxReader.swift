#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads an mbox file (RFC 4155 and its family: mboxo, mboxrd, mboxcl, mboxcl2; LF or CRLF) in a bounded
/// window, handing out each message's bytes with its offset and length in the file. Memory stays bounded by
/// the window and the largest message allowed, whatever the file size.
public final class MboxReader {
    /// One record of the file: a `From ` line and the message after it.
    public struct Record {
        /// Byte offset of the record (its `From ` line) in the file.
        public var offset: Int
        /// Length of the record up to the next `From ` line.
        public var length: Int
    }

    private let path: String
    private let descriptor: Int32
    private let maxMessageBytes: Int
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    /// File offset of `buffer[0]`.
    private var bufferOffset = 0
    private var filled = 0
    private var eof = false
    private var position = 0
    /// Where reading stops, nil for the end of the file.
    private let endOffset: Int?
    /// Reads up to a count of bytes from a descriptor into a buffer: `read(2)`'s signature and contract (the count
    /// read, 0 at the end, -1 with `errno` set).
    public typealias ReadBytes = (Int32, UnsafeMutableRawPointer, Int) -> Int
    /// What reads the file: `read(2)`, or a test's stand-in that fails part-way as a disk or a network file system
    /// can.
    private let readBytes: ReadBytes

    /// The usual window; it grows for a large message, up to the limit.
    public static let defaultWindow = 4 << 20

    /// Opens `path` to read from `startOffset` (the start of a `From ` line a previous read stopped at: an
    /// appended mbox is read from there) up to `endOffset` (the size the caller saw: what is appended while it
    /// reads is left for the next read), or to the end; throws `notFound` or `unreadable`. `readBytes` reads the
    /// file (`read(2)` when nil).
    public init(
        path: String, maxMessageBytes: Int = 50 << 20, window: Int = MboxReader.defaultWindow, startOffset: Int = 0,
        endOffset: Int? = nil, readBytes: ReadBytes? = nil
    ) throws(MailSourceError) {
        self.path = path
        self.maxMessageBytes = maxMessageBytes
        self.endOffset = endOffset
        self.readBytes = readBytes ?? { read($0, $1, $2) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            throw errno == ENOENT ? .notFound(path: path) : .unreadable(path: path, errno: errno)
        }
        if startOffset > 0, lseek(fd, off_t(startOffset), SEEK_SET) < 0 {
            let code = errno
            close(fd)
            throw .unreadable(path: path, errno: code)
        }
        bufferOffset = startOffset
        descriptor = fd
        capacity = max(window, 64 << 10)
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        #if os(Linux)
            _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
        #endif
    }

    deinit {
        buffer.deallocate()
        close(descriptor)
    }

    /// Calls `body` with every message in order: its record, and its bytes (valid only during the call;
    /// mboxrd `>From ` quoting already undone) or the error that made it unreadable (too large).
    public func forEach(_ body: (Record, Result<UnsafeRawBufferPointer, MailSourceError>) -> Void)
        throws(MailSourceError)
    {
        try fill()
        var view: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: buffer, count: filled) }
        // Leading blank lines are not a message.
        while position < filled, (view[position] == 0x0A || view[position] == 0x0D) { position += 1 }
        while true {
            if position >= filled {
                if eof { return }
                try compactAndFill()
                if position >= filled { return }
            }
            // Find the end of this record.
            var end: Int? = nil
            var oversized = false
            while true {
                let v = UnsafeRawBufferPointer(start: buffer, count: filled)
                if let e = contentLengthEnd(v) {
                    end = e
                    quotedLines = nil
                    break
                }
                if let e = nextSeparator(v, from: position) {
                    end = e
                    break
                }
                if eof {
                    end = filled
                    break
                }
                if filled - position > maxMessageBytes {
                    oversized = true
                    break
                }
                try compactAndFill()
            }
            if oversized {
                // Skip to the next separator without keeping the bytes.
                let start = bufferOffset + position
                var skipEnd: Int
                var scan = position
                while true {
                    let v = UnsafeRawBufferPointer(start: buffer, count: filled)
                    if let e = nextSeparator(v, from: scan) {
                        skipEnd = e
                        break
                    }
                    if eof {
                        skipEnd = filled
                        break
                    }
                    // Keep only a few bytes, in case a separator straddles the refill.
                    position = max(position, filled - 8)
                    try compactAndFill()
                    scan = 0
                }
                let record = Record(offset: start, length: bufferOffset + skipEnd - start)
                body(
                    record, .failure(.oversized(path: path, offset: start, size: record.length, limit: maxMessageBytes))
                )
                position = skipEnd
                continue
            }
            let recordEnd = end!
            let v = UnsafeRawBufferPointer(start: buffer, count: filled)
            let record = Record(offset: bufferOffset + position, length: recordEnd - position)
            if record.length > maxMessageBytes {
                body(
                    record,
                    .failure(.oversized(path: path, offset: record.offset, size: record.length, limit: maxMessageBytes))
                )
            } else {
                emit(v, position..<recordEnd, record, body)
            }
            position = recordEnd
        }
    }

    private func emit(
        _ v: UnsafeRawBufferPointer, _ range: Range<Int>, _ record: Record,
        _ body: (Record, Result<UnsafeRawBufferPointer, MailSourceError>) -> Void
    ) {
        var start = range.lowerBound
        if ByteSearch.hasPrefix(Self.fromSpace, in: v, at: start, to: range.upperBound) {
            start = min(ByteSearch.lineEnd(in: v, from: start, to: range.upperBound) + 1, range.upperBound)
        }
        var end = range.upperBound
        // The empty line before the next `From ` belongs to the separator.
        if end - start >= 2, v[end - 1] == 0x0A {
            if v[end - 2] == 0x0A {
                end -= 1
            } else if end - start >= 4, v[end - 2] == 0x0D, v[end - 3] == 0x0A, v[end - 4] == 0x0D {
                end -= 2
            }
        }
        if end <= start || v[start..<end].allSatisfy({ $0.isWhitespace }) {
            body(record, .failure(.empty(path: path, offset: record.offset)))
            return
        }
        let message = UnsafeRawBufferPointer(rebasing: v[start..<end])
        let known = quotedLines != nil
        let quoted =
            quotedLines ?? (ByteSearch.index(of: Self.quotedFrom, in: message, from: 0, to: message.count) != nil)
        quotedLines = false
        if quoted {
            let unquoted =
                known
                ? Self.unquote(
                    message, lineStarts: quotedLineStarts.map { $0 - start }.filter { $0 >= 0 && $0 < end - start })
                : Self.unquote(message)
            unquoted.withUnsafeBytes { body(record, .success($0)) }
        } else {
            body(record, .success(message))
        }
    }

    private static let fromSpace = Array("From ".utf8)
    private static let quotedFrom = Array(">From ".utf8)

    /// The index just after the LF that precedes the next `From ` line after the record at `from`; any
    /// `>From ` line of the record found on the way is noted in `quotedLines`, so the record is not searched
    /// twice.
    private func nextSeparator(_ v: UnsafeRawBufferPointer, from: Int) -> Int? {
        quotedLines = false
        quotedLineStarts.removeAll(keepingCapacity: true)
        guard let base = v.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        var lf = from
        let end = filled
        // memchr from line to line: one pass finds the separator and any quoted `>From ` line.
        while let hit = ByteSearch.index(of: 0x0A, in: v, from: lf, to: end) {
            let k = hit + 1
            if k + 5 > end { return nil }
            let c = base[k]
            if c == 0x46 {
                if base[k + 1] == 0x72 && base[k + 2] == 0x6F && base[k + 3] == 0x6D && base[k + 4] == 0x20 { return k }
            } else if c == 0x3E {
                var q = k
                while q < end, base[q] == 0x3E { q += 1 }
                if ByteSearch.hasPrefix(Self.fromSpace, in: v, at: q, to: end) {
                    quotedLines = true
                    quotedLineStarts.append(k)
                }
            }
            lf = k
        }
        return nil
    }

    /// Whether the record just delimited holds `>From ` lines; nil when unknown (Content-Length records).
    private var quotedLines: Bool? = false
    /// Where those lines start in the window, when the separator scan found them.
    private var quotedLineStarts: [Int] = []

    /// mboxcl/mboxcl2: when the record's headers carry a `Content-Length` that lands exactly on the next
    /// `From ` line (or the end of the file), the record ends there, whatever `From ` lines its body holds.
    private func contentLengthEnd(_ v: UnsafeRawBufferPointer) -> Int? {
        var headerLimit = min(filled, position + 256 * 1024)
        if let blank = ByteSearch.index(of: Self.blankLine, in: v, from: position, to: headerLimit) {
            headerLimit = blank + 1
        }
        guard let blankLF = ByteSearch.index(of: Self.contentLengthName, in: v, from: position, to: headerLimit)
        else { return nil }
        let headers = HeaderBlock(v, from: position, to: headerLimit)
        guard headers.bodyStart < headerLimit || eof, headers.bodyStart > blankLF else { return nil }
        for field in headers.fields where HeaderBlock.nameIs(v, field, Self.contentLengthLower) {
            let digits = HeaderBlock.unfold(v, field.value).trimmedWhitespace()
            guard !digits.isEmpty, digits.count < 12, digits.allSatisfy({ $0.isDigit }) else { return nil }
            let length = Int(String(decoding: digits, as: UTF8.self))!
            let end = headers.bodyStart + length
            guard end - position <= maxMessageBytes else { return nil }
            if end > filled { return nil }  // not loaded yet: the separator scan or a refill decides
            var k = end
            while k < filled, v[k] == 0x0A || v[k] == 0x0D { k += 1 }
            if k == filled && eof { return filled }
            if ByteSearch.hasPrefix(Self.fromSpace, in: v, at: k, to: filled) { return k }
            return nil
        }
        return nil
    }
    private static let blankLine = Array("\n\n".utf8)
    private static let contentLengthName = Array("\nContent-Length:".utf8)
    private static let contentLengthLower = Array("content-length".utf8)

    /// Undoes mboxrd quoting at known line starts (found by the separator scan), in increasing order.
    static func unquote(_ m: UnsafeRawBufferPointer, lineStarts: [Int]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(m.count)
        var copied = 0
        for lineStart in lineStarts where lineStart >= copied {
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: m[copied..<lineStart]))
            copied = lineStart + 1
        }
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: m[copied..<m.count]))
        return out
    }

    /// Undoes mboxrd quoting: a line `>…>From ` loses one `>` (this also reads mboxo's single level).
    static func unquote(_ m: UnsafeRawBufferPointer) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(m.count)
        // Copy whole runs between quoted lines; only a `>…>From ` line at a line start loses its first byte.
        var copied = 0
        var search = 0
        while let hit = ByteSearch.index(of: quotedFrom, in: m, from: search, to: m.count) {
            search = hit + 1
            var lineStart = hit
            while lineStart > 0, m[lineStart - 1] == 0x3E { lineStart -= 1 }
            guard lineStart == 0 || m[lineStart - 1] == 0x0A, lineStart >= copied else { continue }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: m[copied..<lineStart]))
            copied = lineStart + 1
        }
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: m[copied..<m.count]))
        return out
    }

    private func fill() throws(MailSourceError) {
        while !eof && filled < capacity {
            var wanted = capacity - filled
            if let endOffset {
                wanted = min(wanted, endOffset - (bufferOffset + filled))
                if wanted <= 0 {
                    eof = true
                    break
                }
            }
            let n = readBytes(descriptor, buffer + filled, wanted)
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, errno: errno)
            }
            if n == 0 {
                eof = true
                break
            }
            filled += n
        }
    }

    /// Moves the unread bytes to the front (growing the window when one record fills it) and reads more.
    private func compactAndFill() throws(MailSourceError) {
        if position > 0 {
            memmove(buffer, buffer + position, filled - position)
            bufferOffset += position
            filled -= position
            position = 0
        }
        if filled == capacity {
            let newCapacity = capacity * 2
            let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
            grown.copyMemory(from: buffer, byteCount: filled)
            buffer.deallocate()
            buffer = grown
            capacity = newCapacity
        }
        try fill()
    }
}
