import CacheFormat

/// What was known of one file when it was read: its stamp, a hash of its content, and whether
/// it changed so recently that its stamp alone cannot be trusted (see `FileStamp.isRacy`).
public struct FileSnapshot: Sendable, Hashable {
  public var stamp: FileStamp?
  public var hash: UInt64
  public var racy: Bool

  public init(stamp: FileStamp?, hash: UInt64, racy: Bool) {
    self.stamp = stamp
    self.hash = hash
    self.racy = racy
  }

  /// The snapshot of bytes read from a file whose stamp was taken just before reading.
  static func of(_ bytes: [UInt8], stamp: FileStamp?, now: Int64) -> FileSnapshot {
    FileSnapshot(stamp: stamp, hash: Checksum.of(bytes), racy: stamp?.isRacy(now: now) ?? true)
  }
}

/// The Markdown files of a knowledge base as they were when it was loaded: their paths relative
/// to the root, sorted, and a snapshot of each (nil for a file that could not be read). Live
/// reload compares the folder with it; `tag` refuses to write a file that no longer matches it.
public struct FileTable: Sendable {
  public private(set) var paths: [String]
  public private(set) var snapshots: [FileSnapshot?]

  public init(paths: [String] = [], snapshots: [FileSnapshot?] = []) {
    precondition(paths.count == snapshots.count)
    self.paths = paths
    self.snapshots = snapshots
  }

  public var count: Int { paths.count }

  /// The place of a path in `paths`, by binary search.
  public func index(of path: String) -> Int? {
    var lo = 0
    var hi = paths.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if paths[mid] < path { lo = mid + 1 } else { hi = mid }
    }
    return lo < paths.count && paths[lo] == path ? lo : nil
  }

  /// The snapshot of the file at `path` (relative to the root), when it was read.
  public func snapshot(of path: String) -> FileSnapshot? {
    index(of: path).flatMap { snapshots[$0] }
  }

  mutating func set(_ snapshot: FileSnapshot?, at index: Int) {
    snapshots[index] = snapshot
  }
}
