/// What the store keeps about a source between scans, so that the next scan reads only what changed.
public struct SourceState: Sendable, Equatable {
    public var path: String
    public var type: String
    public var device: Int64?
    public var inode: Int64?
    public var size: Int64?
    public var mtimeNanoseconds: Int64?
    /// mbox: bytes read so far.
    public var offset: Int64 = 0
    /// mbox: a hash of the bytes just before `offset`, to notice a rewritten file.
    public var fingerprint: String?
    /// calendar: a hash of the whole content.
    public var contentHash: String?

    public init(path: String, type: String) {
        self.path = path
        self.type = type
    }
}
