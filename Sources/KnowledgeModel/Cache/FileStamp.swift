import CacheFormat

#if canImport(Glibc)
  import Glibc
#endif

/// What `stat` says about a file, enough to notice any change without reading it: size, inode,
/// device, and modification and change times to the nanosecond.
public struct FileStamp: Hashable, Sendable {
  public var size: Int64
  public var inode: UInt64
  public var device: UInt64
  public var modified: Int64
  public var modifiedNanoseconds: Int64
  public var changed: Int64
  public var changedNanoseconds: Int64

  /// The stamp of the file at `path` (following links), or nil when it cannot be stat'ed.
  public static func of(_ path: String) -> FileStamp? {
    var s = stat()
    guard stat(path, &s) == 0 else { return nil }
    return FileStamp(s)
  }

  /// The stamp of the file `name` in the open folder `folder` (following links), or nil: no
  /// walk of the whole path for each file.
  static func of(_ name: UnsafePointer<CChar>, in folder: Int32) -> FileStamp? {
    var s = stat()
    return fstatat(folder, name, &s, 0) == 0 ? FileStamp(s) : nil
  }

  /// The stamp of what `stat` (or `fstat`) said.
  init(_ s: stat) {
    self.init(
      size: Int64(s.st_size), inode: UInt64(s.st_ino), device: UInt64(s.st_dev),
      modified: Int64(s.st_mtim.tv_sec), modifiedNanoseconds: Int64(s.st_mtim.tv_nsec),
      changed: Int64(s.st_ctim.tv_sec), changedNanoseconds: Int64(s.st_ctim.tv_nsec))
  }

  /// Whether the file changed so recently (at or after `seconds` before `now`) that a later edit
  /// could leave the same stamp: the file system's clock ticks coarser than its nanoseconds
  /// suggest. Such files are checked by content hash as well.
  public func isRacy(now: Int64, seconds: Int64 = 2) -> Bool {
    max(modified, changed) >= now - seconds
  }

  func write(to w: inout BinaryWriter) {
    for v in [size, Int64(bitPattern: inode), Int64(bitPattern: device), modified] {
      w.int(Int(v))
    }
    for v in [modifiedNanoseconds, changed, changedNanoseconds] { w.int(Int(v)) }
  }

  init(
    size: Int64, inode: UInt64, device: UInt64, modified: Int64, modifiedNanoseconds: Int64,
    changed: Int64, changedNanoseconds: Int64
  ) {
    self.size = size
    self.inode = inode
    self.device = device
    self.modified = modified
    self.modifiedNanoseconds = modifiedNanoseconds
    self.changed = changed
    self.changedNanoseconds = changedNanoseconds
  }

  init(from r: inout BinaryReader) throws(BinaryReader.Damaged) {
    size = Int64(try r.int())
    inode = UInt64(bitPattern: Int64(try r.int()))
    device = UInt64(bitPattern: Int64(try r.int()))
    modified = Int64(try r.int())
    modifiedNanoseconds = Int64(try r.int())
    changed = Int64(try r.int())
    changedNanoseconds = Int64(try r.int())
  }
}
