import Foundation
import SystemIO

#if canImport(Glibc)
  import Glibc
#endif

/// The bulk of a cache beside its payload file: a header (a magic, the format version and a
/// random *generation*), then bytes that are only ever added to at the end, never changed.
///
/// A payload file names the generation of its blocks file and how far into it its records
/// reach, so a change is written by adding the new bytes at the end and replacing only the small
/// payload file: what is already in the blocks stays where it lies, for the new payload and for
/// any process still reading by the old one. Whatever lies beyond the length a payload names
/// (bytes added for a payload that was never written, or written and replaced since) is never
/// read by that payload. A file whose header does not match, or that is shorter than its payload
/// says, is not read at all; every piece read from it is checked by its reader against a
/// checksum kept in the payload or in a record.
public enum BlocksFile {
  public static let magic: [UInt8] = Array("SKBBLOCK".utf8)
  public static let headerSize = 8 + 8 + 8 + 8

  /// Where the blocks of the payload file at `payloadPath` with this generation are kept.
  public static func path(of payloadPath: String, generation: UInt64) -> String {
    let hex = String(generation, radix: 16)
    return payloadPath + ".blocks-" + String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// A generation for a new blocks file: random, so that no two files share one.
  public static func newGeneration() -> UInt64 { UInt64.random(in: 1...UInt64.max) }

  /// A new blocks file, written front to back as its bytes are made, so that none of them need
  /// be held longer: its name is new (the generation is random), so it is made in place (its
  /// folder too if need be), and no payload names it until one is written after `keep`. One
  /// let go of without `keep`, or that could not be written whole, is removed.
  ///
  /// The bytes are written in order on a thread of their own while the caller goes on (making
  /// the next ones); a failure is seen at a later `add` (which then writes nothing) or at `keep`.
  public final class Writer: @unchecked Sendable {
    public let path: String
    public let generation: UInt64
    private var fd: Int32 = -1
    /// Where the next bytes go (after the header, once it is made).
    public private(set) var end = 0
    private let queue = DispatchQueue(label: "safetykb.blocks-writer")
    /// The first failure, set on the writing thread: the writes hold it, not the writer, so that
    /// the writer is never let go of (and waits for its queue) on that thread.
    private let failed = Failed()
    private var kept = false

    private final class Failed: @unchecked Sendable {
      private let lock = NSLock()
      private var first: Errno?

      var error: Errno? { lock.withLock { first } }
      func record(_ error: Errno) { lock.withLock { first = first ?? error } }
    }

    public init(_ path: String, generation: UInt64 = BlocksFile.newGeneration()) {
      self.path = path
      self.generation = generation
      do {
        try Files.makeDirectories(Files.folder(of: path))
      } catch {
        failed.record(error.errno ?? Errno(rawValue: EIO))
        return
      }
      fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
      guard fd >= 0 else {
        failed.record(Errno(rawValue: errno))
        return
      }
      add([BlocksFile.header(generation)])
    }

    deinit {
      queue.sync {}
      if fd >= 0 { close(fd) }
      if !kept { unlink(path) }
    }

    /// Why the file could not be made or written, if a write that has finished failed.
    public var failure: Errno? { failed.error }

    /// Writes `pieces` one after another at the end (nothing, once a write failed).
    public func add(_ pieces: [[UInt8]]) {
      guard failure == nil else { return }
      let (fd, at, failed) = (fd, end, failed)
      end += pieces.reduce(0) { $0 + $1.count }
      queue.async {
        do throws(Errno) {
          try BlocksFile.write(pieces, to: fd, at: at)
        } catch {
          failed.record(error)
        }
      }
    }

    /// Waits for every write, then closes the file and keeps it when each one succeeded; else
    /// the failure.
    public func keep() throws(Errno) {
      queue.sync {}
      if let failure { throw failure }
      let closed = close(fd)
      fd = -1
      guard closed == 0 else {
        let error = Errno(rawValue: errno)
        failed.record(error)
        throw error
      }
      kept = true
    }
  }

  /// The blocks file at `path`, opened for reading, when its header says `generation` and it
  /// holds at least `length` bytes; else nil.
  public static func open(_ path: String, generation: UInt64, length: Int) -> CacheFile.OpenFile? {
    guard length >= headerSize,
      let (file, size) = CacheFile.OpenFile.open(path, minimumSize: length),
      size >= length, file.bytes(at: 0, count: headerSize) == header(generation)
    else { return nil }
    return file
  }

  /// Removes the blocks files of the payload file at `payloadPath` other than the one of
  /// `keeping` and those written in the last `age` seconds: those of payloads written before it
  /// (any process still reading one keeps it open), and any left by a process that died writing
  /// one. A file written to lately may belong to a payload another process is writing now, or
  /// has just written over this one; it goes at a later write.
  public static func removeOthers(
    of payloadPath: String, keeping generation: UInt64?, olderThan age: TimeInterval = 60
  ) {
    let folder = Files.folder(of: payloadPath)
    let prefix = (payloadPath as NSString).lastPathComponent + ".blocks-"
    let kept = generation.map {
      (path(of: payloadPath, generation: $0) as NSString).lastPathComponent
    }
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    let now = Date().timeIntervalSince1970
    for name in names where name.hasPrefix(prefix) && name != kept {
      var s = stat()
      let file = folder + "/" + name
      guard lstat(file, &s) == 0,
        now - (Double(s.st_mtim.tv_sec) + Double(s.st_mtim.tv_nsec) / 1e9) >= age
      else { continue }
      unlink(file)
    }
  }

  /// Writes `pieces` one after another into `fd` from `offset`.
  fileprivate static func write(_ pieces: [[UInt8]], to fd: Int32, at offset: Int) throws(Errno) {
    var at = offset
    for piece in pieces {
      let failure = piece.withUnsafeBytes { bytes -> Errno? in
        do throws(Errno) {
          try Files.writeAll(fd, bytes, at: at)
          return nil
        } catch {
          return error
        }
      }
      if let failure { throw failure }
      at += piece.count
    }
  }

  fileprivate static func header(_ generation: UInt64) -> [UInt8] {
    var w = BinaryWriter(capacity: headerSize)
    for b in magic { w.byte(b) }
    w.fixed64(CacheFile.formatVersion)
    w.fixed64(generation)
    w.fixed64(0)
    return w.bytes
  }

  /// Bytes added at the end of a blocks file, by one process at a time: the file is locked
  /// (`flock`) from `open` until the appender is let go of, so that whoever holds it knows where
  /// the end is while it writes there and replaces the payload that names it.
  public final class Appender {
    private let fd: Int32
    /// Where the next bytes go: the file's length when it was locked.
    public private(set) var end: Int

    /// The blocks file at `path`, locked for adding to, when it is still the file `opened` (not
    /// replaced or removed since) and still at least `length` bytes long; else nil.
    public init?(_ path: String, sameAs opened: CacheFile.OpenFile, length: Int) {
      fd = Glibc.open(path, O_WRONLY | O_CLOEXEC | O_NONBLOCK)
      guard fd >= 0 else { return nil }
      var mine = stat()
      var theirs = stat()
      guard flock(fd, LOCK_EX) == 0, fstat(fd, &mine) == 0, fstat(opened.fd, &theirs) == 0,
        mine.st_dev == theirs.st_dev, mine.st_ino == theirs.st_ino,
        mine.st_mode & S_IFMT == S_IFREG, Int(mine.st_size) >= length
      else {
        close(fd)
        return nil
      }
      end = Int(mine.st_size)
    }

    deinit { close(fd) }

    /// Writes `pieces` one after another at the end.
    public func add(_ pieces: [[UInt8]]) throws(Errno) {
      try write(pieces, to: fd, at: end)
      end += pieces.reduce(0) { $0 + $1.count }
    }
  }
}
