import Foundation
import SystemIO

#if canImport(Glibc)
  import Glibc
#endif

/// One file of the entries cache: a magic, a format version, the checksum and length of a
/// payload, the payload, then any number of blocks (runs of bytes, each with its kind, length and
/// checksum). The payload is read whole and decoded with a `BinaryReader`; blocks stay in the
/// file and are read in pieces when needed, each piece checked by whoever reads it. A file that
/// is missing, truncated, damaged or from another version reads as nil and is rebuilt; writes go
/// to a temporary file renamed into place, so a reader (or a second writer) only ever sees a
/// whole file. (The index has a format of its own, `IndexFile` in the query engine.)
public enum CacheFile {
  /// Bump whenever the format of anything cached changes.
  public static let formatVersion: UInt64 = 12
  public static let magic: [UInt8] = Array("SKBCACHE".utf8)
  public static let headerSize = 8 + 8 + 8 + 8

  /// The payload of the cache file at `path`, which has no blocks, or nil.
  public static func read(_ path: String) -> BinaryReader? {
    guard let file = open(path), file.isAtEnd else { return nil }
    return file.payload
  }

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
    guard let payload = reader.take(Int(length)), Checksum.of(payload) == checksum else {
      return nil
    }
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

  /// A large run of bytes written after the payload, read in pieces later (`skipBytes`).
  public enum Block {
    case bytes([UInt8])
    /// Bytes made in pieces (on several threads), written one after another as one block.
    case pieces([[UInt8]])
    /// `count` bytes of an open file from `offset` (a block of an older cache file, copied as
    /// it is so that what points into it stays true), then `then`.
    case spliced(OpenFile, offset: Int, count: Int, then: [UInt8])

    var kind: UInt8 { 1 }

    var count: Int {
      switch self {
      case .bytes(let a): return a.count
      case .pieces(let p): return p.reduce(0) { $0 + $1.count }
      case .spliced(_, _, let count, let then): return count + then.count
      }
    }
  }

  /// What became of a write.
  enum Written {
    case written
    case failed(Errno)
    /// A spliced block's source could not be read whole (cut short since it was opened).
    case sourceUnreadable
  }

  /// An open cache file: its payload, then its blocks in the order they were written.
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

    /// Whether every block has been read.
    public var isAtEnd: Bool { remaining == 0 }

    /// Passes over a block of bytes without reading it: where it begins in the file and how long
    /// it is, for reading pieces of it later with `file.bytes(at:count:)`. Nothing checks its
    /// checksum; whoever reads the pieces checks them.
    public func skipBytes() throws(BinaryReader.Damaged) -> (offset: Int, count: Int) {
      let (count, _) = try blockHeader(1, size: 1)
      let offset = size - remaining
      guard lseek(file.fd, off_t(count), SEEK_CUR) == off_t(offset + count) else {
        throw BinaryReader.Damaged()
      }
      remaining -= count
      return (offset, count)
    }

    private func blockHeader(_ kind: UInt8, size: Int) throws(BinaryReader.Damaged) -> (
      Int, UInt64
    ) {
      var header = [UInt8](repeating: 0, count: 17)
      guard fill(&header), header[0] == kind else { throw BinaryReader.Damaged() }
      var r = BinaryReader(header, from: 1)
      let count = try r.fixed64()
      let checksum = try r.fixed64()
      guard count <= UInt64(remaining / size) else { throw BinaryReader.Damaged() }
      return (Int(count), checksum)
    }

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
  public static func write(_ path: String, payload: [UInt8], blocks: [Block] = []) -> Bool {
    switch writeAtomically(path, payload: payload, blocks: blocks) {
    case .written: return true
    case .failed(let error):
      Failures.shared.add(path, error.rawValue)
      return false
    case .sourceUnreadable:
      Failures.shared.add(path, EIO)
      return false
    }
  }

  /// Writes as `write` does, with blocks spliced from an older file: nil when a spliced block's
  /// source could not be read whole (nothing is written or recorded; the caller writes the file
  /// from what it holds instead).
  public static func splice(_ path: String, payload: [UInt8], blocks: [Block]) -> Bool? {
    switch writeAtomically(path, payload: payload, blocks: blocks) {
    case .written: return true
    case .failed(let error):
      Failures.shared.add(path, error.rawValue)
      return false
    case .sourceUnreadable: return nil
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

  /// Writes `pieces` one after another from `offset`, and leaves the file's offset after them.
  /// One thread writes them all: writes to one file take turns anyway (the file system locks
  /// it for each), and threads waiting for the lock spin.
  private static func writePieces(_ fd: Int32, _ pieces: [[UInt8]], at offset: Int)
    throws(Errno)
  {
    var end = offset
    for piece in pieces {
      let failure = piece.withUnsafeBytes { bytes -> Errno? in
        do throws(Errno) {
          try Files.writeAll(fd, bytes, at: end)
          return nil
        } catch {
          return error
        }
      }
      if let failure { throw failure }
      end += piece.count
    }
    guard lseek(fd, off_t(end), SEEK_SET) == off_t(end) else { throw Errno(rawValue: errno) }
  }

  private static func writeAtomically(_ path: String, payload: [UInt8], blocks: [Block])
    -> Written
  {
    var header = BinaryWriter(capacity: headerSize)
    for b in magic { header.byte(b) }
    header.fixed64(formatVersion)
    header.fixed64(Checksum.of(payload))
    header.fixed64(UInt64(payload.count))
    var sourceUnreadable = false
    do {
      try Files.makeDirectories(Files.folder(of: path))
      try Files.replace(path) { fd throws(Errno) in
        try Files.writeAll(fd, header.bytes)
        try Files.writeAll(fd, payload)
        var at = header.bytes.count + payload.count
        for block in blocks {
          var head = BinaryWriter(capacity: 17)
          head.byte(block.kind)
          head.fixed64(UInt64(block.count))
          switch block {
          case .bytes(let bytes):
            head.fixed64(Checksum.of(bytes))
            try Files.writeAll(fd, head.bytes)
            try Files.writeAll(fd, bytes)
          case .pieces(let pieces):
            var sum = Checksum.Stream(count: block.count)
            for piece in pieces { piece.withUnsafeBytes { sum.add($0) } }
            head.fixed64(sum.finish())
            try Files.writeAll(fd, head.bytes)
            try writePieces(fd, pieces, at: at + head.bytes.count)
          case .spliced(let file, let offset, let count, let then):
            // The checksum is known only once every byte went by: written in its place after.
            head.fixed64(0)
            try Files.writeAll(fd, head.bytes)
            var sum = Checksum.Stream(count: block.count)
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            var done = 0
            while done < count {
              let n = min(buffer.count, count - done)
              guard
                buffer.withUnsafeMutableBytes({
                  file.read(
                    into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<n]), at: offset + done)
                })
              else {
                sourceUnreadable = true
                throw Errno.ioError
              }
              let piece = n == buffer.count ? buffer : Array(buffer[0..<n])
              piece.withUnsafeBytes { sum.add($0) }
              try Files.writeAll(fd, piece)
              done += n
            }
            then.withUnsafeBytes { sum.add($0) }
            try Files.writeAll(fd, then)
            var checksum = BinaryWriter(capacity: 8)
            checksum.fixed64(sum.finish())
            let place = off_t(at + 9)
            let wrote = checksum.bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, 8, place) }
            guard wrote == 8 else { throw Errno(rawValue: errno) }
          }
          at += head.bytes.count + block.count
        }
      }
      return .written
    } catch {
      if sourceUnreadable { return .sourceUnreadable }
      return .failed(error.errno ?? Errno(rawValue: 0))
    }
  }
}
