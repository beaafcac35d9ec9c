import SystemIO

#if canImport(Glibc)
  import Glibc
#endif

/// What a client has read of one journal file so far, while it waits for its cookie.
struct JournalReading {
  /// The file read (device and inode): a journal replaced by a new one is read afresh.
  var file: (device: UInt64, inode: UInt64)
  var header: JournalFormat.Header
  /// Whether reading started at the client's mark, so that the lines say what changed since it.
  var fromMark: Bool
  /// Where the next unread line starts.
  var position: Int
  var paths: Set<String> = []
  /// A `*` line, or a line that is none of the forms: anything may have changed.
  var everything = false

  /// Starts reading the journal open as `fd`: at `mark` when it belongs to this journal and
  /// points at the start of a line in it, else after the header. Nil when the file has no
  /// header for `root`.
  init?(fd: Int32, root: String, mark: JournalMark?) {
    var status = stat()
    guard fstat(fd, &status) == 0 else { return nil }
    let size = Int(status.st_size)
    guard let head = Self.bytes(fd, at: 0, count: min(size, 64 * 1024)),
      let header = JournalFormat.header(in: head[...]), header.root == root
    else { return nil }
    file = (UInt64(status.st_dev), UInt64(status.st_ino))
    self.header = header
    position = header.length
    fromMark = false
    if let mark, mark.token == header.token, mark.offset >= header.length, mark.offset <= size,
      mark.offset == header.length
        || Self.bytes(fd, at: mark.offset - 1, count: 1) == [JournalFormat.newline]
    {
      position = mark.offset
      fromMark = true
    }
  }

  /// Whether `fd` is the file this reading is of.
  func isReading(_ status: stat) -> Bool {
    file == (UInt64(status.st_dev), UInt64(status.st_ino))
  }

  /// Reads the complete lines written since the last call, up to the cookie line `name`; gives
  /// the offset just past that line when it is there. False in `ok` when the file shrank under
  /// the reading (someone cut it): it cannot be read on.
  mutating func readOn(_ fd: Int32, size: Int, cookie name: String) -> (end: Int?, ok: Bool) {
    guard size >= position else { return (nil, false) }
    guard size > position else { return (nil, true) }
    guard let bytes = Self.bytes(fd, at: position, count: size - position) else {
      return (nil, false)
    }
    var start = 0
    while let newline = bytes[start...].firstIndex(of: JournalFormat.newline) {
      let line = JournalFormat.parse(bytes[start..<newline])
      start = newline + 1
      switch line {
      case .path(let path): paths.insert(path)
      case .everything, nil: everything = true
      case .cookie(let cookie):
        if cookie == name { return (position + start, true) }
      }
    }
    position += start
    return (nil, true)
  }

  /// `count` bytes of the file at `offset`, or nil when the file is shorter.
  static func bytes(_ fd: Int32, at offset: Int, count: Int) -> [UInt8]? {
    guard count > 0 else { return [] }
    var out = [UInt8](repeating: 0, count: count)
    let ok = out.withUnsafeMutableBytes { Files.readExactly(fd, into: $0, at: offset) }
    return ok ? out : nil
  }
}
