import Foundation
import SystemIO

#if canImport(Glibc)
  import Glibc
#endif

/// One cache file: a magic, a format version, the checksum and length of a payload, and the
/// payload, read whole and decoded with a `BinaryReader`. A file that is missing, truncated,
/// damaged or from another version reads as nil and is rebuilt; writes go to a temporary file
/// renamed into place, so a reader (or a second writer) only ever sees a whole file. The bulk of
/// the entries cache lies beside its payload file, in a file only ever added to
/// (`BlocksFile`); the index has a format of its own (`IndexFile` in the query engine).
public enum CacheFile {
  /// Bump whenever the format of anything cached changes.
  public static let formatVersion: UInt64 = 13
  public static let magic: [UInt8] = Array("SKBCACHE".utf8)
  public static let headerSize = 8 + 8 + 8 + 8

  /// The payload of the cache file at `path`, or nil.
  public static func read(_ path: String) -> BinaryReader? { open(path)?.payload }

  /// The cache file at `path`, its payload read and checked, or nil.
  public static func open(_ path: String) -> Reader? {
    guard let (file, size) = OpenFile.open(path, minimumSize: headerSize) else { return nil }
    let reader = Reader(file: file)
    reader.size = size
    reader.remaining = reader.size
    var header = [UInt8](repeating: 0, count: headerSize)
    guard reader.fill(&header) else { return nil }
    var r = BinaryReader(header, from: 8)
    guard Array(header[0..<8]) == magic, (try? r.fixed64()) == formatVersion,
      let checksum = try? r.fixed64(), let length = try? r.fixed64(),
      length <= UInt64(reader.remaining)
    else { return nil }
    guard length == UInt64(reader.remaining), let payload = reader.take(Int(length)),
      Checksum.of(payload) == checksum
    else { return nil }
    reader.payload = BinaryReader(payload)
    reader.payloadChecksum = checksum
    return reader
  }

  /// A file descriptor, closed when the last holder lets go of it.
  public final class OpenFile: Sendable {
    public let fd: Int32

    public init(fd: Int32) { self.fd = fd }
    deinit { close(fd) }

    /// Exactly `count` bytes from `offset`, or nil.
    public func bytes(at offset: Int, count: Int) -> [UInt8]? {
      var ok = true
      let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialised in
        ok = read(into: UnsafeMutableRawBufferPointer(buffer), at: offset)
        initialised = ok ? count : 0
      }
      return ok ? bytes : nil
    }

    /// Whether `other` is open on the same file (device and inode) as this.
    public func isSameFile(as other: OpenFile) -> Bool {
      var mine = stat()
      var theirs = stat()
      guard fstat(fd, &mine) == 0, fstat(other.fd, &theirs) == 0 else { return false }
      return mine.st_dev == theirs.st_dev && mine.st_ino == theirs.st_ino
    }

    /// Fills `buffer` from `offset`, or fails (a short read: the file was cut).
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Bool {
      Files.readExactly(fd, into: buffer, at: offset)
    }

    /// The regular file at `path`, opened for reading, with its size, when it is at least
    /// `minimumSize` bytes long; else nil.
    public static func open(_ path: String, minimumSize: Int) -> (file: OpenFile, size: Int)? {
      let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
      guard fd >= 0 else { return nil }
      let file = OpenFile(fd: fd)
      var status = stat()
      guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
        Int(status.st_size) >= minimumSize
      else { return nil }
      return (file, Int(status.st_size))
    }
  }

  /// An open cache file and its payload.
  public final class Reader {
    public var payload = BinaryReader([])
    /// The payload's checksum: two files with the same one hold the same payload.
    public fileprivate(set) var payloadChecksum: UInt64 = 0
    /// The open file, which outlives the reader for as long as anyone holds it.
    public let file: OpenFile
    fileprivate var size = 0
    /// Bytes of the file not read yet.
    fileprivate var remaining = 0

    fileprivate init(file: OpenFile) { self.file = file }

    /// The next `count` bytes of the file, read into a new array (never zeroed first).
    fileprivate func take(_ count: Int) -> [UInt8]? {
      var ok = false
      let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialised in
        ok = read(into: UnsafeMutableRawBufferPointer(buffer))
        initialised = ok ? count : 0
      }
      return ok ? bytes : nil
    }

    fileprivate func fill(_ bytes: inout [UInt8]) -> Bool {
      bytes.withUnsafeMutableBytes { read(into: $0) }
    }

    /// Reads exactly `buffer.count` bytes, or fails.
    private func read(into buffer: UnsafeMutableRawBufferPointer) -> Bool {
      guard buffer.count <= remaining, Files.readExactly(file.fd, into: buffer) else {
        return false
      }
      remaining -= buffer.count
      return true
    }
  }

  /// Writes `payload` as the cache file at `path`, atomically. A failure leaves the previous file
  /// as it was and is recorded in `failures` (the answer does not depend on the cache; the
  /// program says once that it could not be written).
  @discardableResult
  public static func write(_ path: String, payload: [UInt8]) -> Bool {
    var header = BinaryWriter(capacity: headerSize)
    for b in magic { header.byte(b) }
    header.fixed64(formatVersion)
    header.fixed64(Checksum.of(payload))
    header.fixed64(UInt64(payload.count))
    do {
      try Files.makeDirectories(Files.folder(of: path))
      try Files.replace(path) { fd throws(Errno) in
        try Files.writeAll(fd, header.bytes)
        try Files.writeAll(fd, payload)
      }
      return true
    } catch {
      Failures.shared.add(path, (error.errno ?? Errno(rawValue: 0)).rawValue)
      return false
    }
  }

  /// How the scratch folders of loads without cache are named (`ScratchFolder`), so that a
  /// failure to write there is not called the cache's.
  public static let scratchPrefix = "safetykb-spill-"

  /// Records that the cache file at `path` could not be written (`errno` `code`).
  public static func recordFailure(_ path: String, _ code: Int32) {
    Failures.shared.add(path, code)
  }

  /// Cache files that could not be written in this process, as messages
  /// (`cannot write the cache 'PATH': file too large`).
  public static var failures: [String] { Failures.shared.messages }

  final class Failures: @unchecked Sendable {
    static let shared = Failures()
    private let lock = NSLock()
    private var list: [String] = []

    func add(_ path: String, _ code: Int32) {
      let reason = code == 0 ? "unknown error" : String(cString: strerror(code)).lowercased()
      // A file of a load without cache, spilled to a scratch folder: held in memory instead.
      let what =
        path.contains("/" + CacheFile.scratchPrefix)
        ? "cannot write the scratch file '\(path)' (held in memory instead)"
        : "cannot write the cache '\(path)'"
      lock.withLock { list.append("\(what): \(reason)") }
    }

    var messages: [String] { lock.withLock { list } }
  }
}
