import SystemPackage

#if canImport(Glibc)
  import Glibc
#endif

/// The file operations every module needs, each written once: reading a whole regular file,
/// writing every byte, replacing a file atomically, making folders. Built on swift-system's
/// `FileDescriptor`, which retries on EINTR and turns errno into `Errno`.
public enum Files {
  /// Runs `body` holding an exclusive `flock` on the file at `lockPath`, waiting for whoever
  /// holds it. The file is made when missing and never removed (removing it would let two
  /// processes lock different files). When it cannot be opened (a folder that cannot be
  /// written), `body` runs all the same, unlocked.
  public static func withLock<T>(_ lockPath: String, _ body: () throws -> T) rethrows -> T {
    let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return try body() }
    defer { close(fd) }
    while flock(fd, LOCK_EX) != 0 {
      guard errno == EINTR else { return try body() }
    }
    defer { flock(fd, LOCK_UN) }
    return try body()
  }

  /// The bytes of a regular file. Only regular files are read: a named pipe would wait for a
  /// writer forever and `/dev/zero` would never end (opened non-blocking, then refused).
  /// A file that does not exist gives nil when `missingIsNil`.
  public static func read(_ path: String, missingIsNil: Bool = false) throws(FileError) -> [UInt8]?
  {
    let fd: FileDescriptor
    do {
      fd = try FileDescriptor.open(
        FilePath(path), .readOnly, options: [.closeOnExec, .nonBlocking])
    } catch let errno as Errno {
      if missingIsNil, errno == .noSuchFileOrDirectory { return nil }
      throw FileError("read", path, errno: errno)
    } catch {
      throw FileError("read", path, reason: "\(error)")
    }
    defer { try? fd.close() }
    return try readRegular(fd, path: path)
  }

  /// The bytes of the regular file `name` in the open folder `folder` (a walk of one name, not
  /// of a whole path), and what `fstat` said of it once it was open, before it was read; `path`
  /// names it in errors.
  public static func read(_ name: UnsafePointer<CChar>, in folder: Int32, path: String)
    throws(FileError) -> (bytes: [UInt8], status: stat)
  {
    var raw: Int32
    repeat {
      raw = openat(folder, name, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    } while raw < 0 && errno == EINTR
    guard raw >= 0 else { throw FileError("read", path, errno: Errno(rawValue: errno)) }
    let fd = FileDescriptor(rawValue: raw)
    defer { try? fd.close() }
    var status = stat()
    let bytes = try readRegular(fd, path: path, status: &status)
    return (bytes, status)
  }

  /// Every byte of an open regular file, from its start.
  public static func readRegular(_ fd: FileDescriptor, path: String) throws(FileError) -> [UInt8] {
    var status = stat()
    return try readRegular(fd, path: path, status: &status)
  }

  /// Every byte of an open regular file, from its start, with what `fstat` said of it before
  /// it was read.
  private static func readRegular(_ fd: FileDescriptor, path: String, status: inout stat)
    throws(FileError) -> [UInt8]
  {
    guard fstat(fd.rawValue, &status) == 0 else {
      throw FileError("read", path, errno: Errno(rawValue: errno))
    }
    guard status.st_mode & S_IFMT == S_IFREG else {
      throw FileError("read", path, reason: "not a regular file")
    }
    let size = Int(status.st_size)
    // Read straight into one allocation of the size the file has, and a byte more to see its
    // end in the same read; a file that grew meanwhile is read on to its end.
    var failure: Errno?
    var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
      while count < buffer.count {
        do {
          let rest = UnsafeMutableBufferPointer(rebasing: buffer[count...])
          let n = try fd.read(into: UnsafeMutableRawBufferPointer(rest))
          if n == 0 { return }
          count += n
        } catch {
          failure = error as? Errno ?? .ioError
          return
        }
      }
    }
    if let failure { throw FileError("read", path, errno: failure) }
    if bytes.count <= size { return bytes }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n: Int
      do {
        n = try chunk.withUnsafeMutableBytes { try fd.read(into: $0) }
      } catch {
        throw FileError("read", path, errno: error as? Errno ?? .ioError)
      }
      if n == 0 { return bytes }
      bytes.append(contentsOf: chunk[0..<n])
    }
  }

  /// Fills `buffer` from `fd`, at `offset` or from the current position; false when the file
  /// ends first or a read fails.
  public static func readExactly(
    _ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int? = nil
  ) -> Bool {
    let file = FileDescriptor(rawValue: fd)
    var done = 0
    while done < buffer.count {
      let rest = UnsafeMutableRawBufferPointer(rebasing: buffer[done...])
      guard
        let n = try? offset.map({ try file.read(fromAbsoluteOffset: Int64($0 + done), into: rest) })
          ?? file.read(into: rest),
        n > 0
      else { return false }
      done += n
    }
    return true
  }

  /// Writes every byte to `fd`, retrying after signals and short writes.
  public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(Errno) {
    do {
      try FileDescriptor(rawValue: fd).writeAll(bytes)
    } catch {
      throw error as? Errno ?? .ioError
    }
  }

  /// Writes every byte to `fd` from `offset` on (`pwrite`: the descriptor's own offset is left
  /// as it was, so that several threads can write their parts of one file at once).
  public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int)
    throws(Errno)
  {
    do {
      _ = try FileDescriptor(rawValue: fd).writeAll(toAbsoluteOffset: Int64(offset), bytes)
    } catch {
      throw error as? Errno ?? .ioError
    }
  }

  /// Writes every byte of `bytes` to `fd`.
  public static func writeAll(_ fd: Int32, _ bytes: some Sequence<UInt8>) throws(Errno) {
    do {
      try FileDescriptor(rawValue: fd).writeAll(bytes)
    } catch {
      throw error as? Errno ?? .ioError
    }
  }

  /// Replaces `path` so that readers and crashes see the old file or the new one, whole: the
  /// bytes go to a temporary file beside it, which is renamed over it. With `durable`, the file
  /// and then its folder are flushed to disk. On any failure (a full disk, a size limit) the
  /// temporary file is removed and the old file is untouched. `write` is called with the open
  /// temporary file and writes the content through `writeAll`.
  /// The temporary file is `PATH.tmp-PID-RANDOM` unless `temporary` names it.
  public static func replace(
    _ path: String, mode: mode_t = 0o600, durable: Bool = false, temporary: String? = nil,
    write: (Int32) throws(Errno) -> Void
  ) throws(FileError) {
    let folder = self.folder(of: path)
    let temporary = temporary ?? "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw FileError("write", path, errno: .current) }
    var closed = false
    var renamed = false
    defer {
      if !closed { close(fd) }
      if !renamed { unlink(temporary) }
    }
    guard fchmod(fd, mode) == 0 else {
      throw FileError("set the permissions of", path, errno: .current)
    }
    do {
      try write(fd)
    } catch {
      throw FileError("write", path, errno: error)
    }
    if durable, fsync(fd) != 0 { throw FileError("flush", path, errno: .current) }
    closed = true
    guard close(fd) == 0 else { throw FileError("write", path, errno: .current) }
    guard rename(temporary, path) == 0 else { throw FileError("replace", path, errno: .current) }
    renamed = true
    guard durable else { return }
    let folderFD = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard folderFD >= 0 else { throw FileError("open the folder of", path, errno: .current) }
    defer { close(folderFD) }
    guard fsync(folderFD) == 0 else {
      throw FileError("flush the folder of", path, errno: .current)
    }
  }

  /// Replaces `path` with `bytes` (see `replace(_:mode:durable:temporary:write:)`).
  public static func replace(
    _ path: String, with bytes: [UInt8], mode: mode_t = 0o600, durable: Bool = false,
    temporary: String? = nil
  ) throws(FileError) {
    try replace(path, mode: mode, durable: durable, temporary: temporary) { fd throws(Errno) in
      try writeAll(fd, bytes)
    }
  }

  /// Creates `path` and any missing parents with `mode`.
  public static func makeDirectories(_ path: String, mode: mode_t = 0o700) throws(FileError) {
    var current = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
      current += "/" + part
      if mkdir(current, mode) != 0 && Glibc.errno != EEXIST {
        throw FileError("create the folder", current, errno: .current)
      }
    }
  }

  /// The folder holding `path`.
  public static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let folder = String(path[..<slash])
    return folder.isEmpty ? "/" : folder
  }
}

/// swift-system's errno value, for modules that use this one.
public typealias Errno = SystemPackage.Errno

extension Errno {
  /// The calling thread's errno now.
  public static var current: Errno { Errno(rawValue: Glibc.errno) }
}
