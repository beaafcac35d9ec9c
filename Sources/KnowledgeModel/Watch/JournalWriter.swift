import SystemIO

#if canImport(Glibc)
  import Glibc
#endif

/// The daemon's side of the journal: a new file (header and token) written to a temporary name
/// and renamed into place, then appended to, and replaced by a new one when it grows past the
/// limit. It is never truncated in place, so a client reads either the old file or the new one.
struct JournalWriter {
  let path: String
  let root: String
  let limit: Int
  private(set) var token: UInt64 = 0
  private(set) var size = 0
  private var header: [UInt8] = []
  private var fd: Int32 = -1

  /// Writes a new journal with a new token.
  init(path: String, root: String, limit: Int = JournalFormat.limit) throws(FileError) {
    self.path = path
    self.root = root
    self.limit = limit
    try start(with: [])
  }

  /// Appends whole lines; past the limit, or when someone else changed the file (cut it,
  /// wrote into it), they start a new journal instead.
  mutating func append(_ lines: [UInt8]) throws(FileError) {
    guard !lines.isEmpty else { return }
    guard size + lines.count <= limit, isIntact else { return try start(with: lines) }
    do {
      try Files.writeAll(fd, lines)
    } catch {
      throw FileError("write", path, errno: error)
    }
    size += lines.count
  }

  /// Whether the file is as this writer left it: its length, and its header.
  private var isIntact: Bool {
    var status = stat()
    guard fstat(fd, &status) == 0, Int(status.st_size) == size else { return false }
    return JournalReading.bytes(fd, at: 0, count: header.count) == header
  }

  func close() {
    if fd >= 0 { Glibc.close(fd) }
  }

  private mutating func start(with lines: [UInt8]) throws(FileError) {
    var next = UInt64.random(in: 1...UInt64.max)
    while next == token { next = UInt64.random(in: 1...UInt64.max) }
    let header = JournalFormat.header(token: next, root: root)
    let bytes = header + lines
    try Files.replace(path, with: bytes)
    // Only the daemon holding the lock writes here, so the file at the path is the one renamed.
    let opened = open(path, O_RDWR | O_APPEND | O_CLOEXEC)
    guard opened >= 0 else { throw FileError("open", path, errno: .current) }
    close()
    fd = opened
    token = next
    self.header = header
    size = bytes.count
  }
}
