import CacheFormat
import Dispatch
import Foundation
import SystemIO

#if canImport(Glibc)
  import Glibc
#endif

/// Writes an `IndexFile`: room for the header, sections one after another (each from where its
/// array lies, never gathered into one buffer), then the table of contents with every chunk's
/// checksum, then the header in its place. The file replaces the old one whole (`Files.replace`),
/// so a reader only ever opens a whole file, and a file already open is never changed.
struct IndexFileWriter {
  private let fd: Int32
  private var offset = 0
  private var toc = BinaryWriter(capacity: 4096)
  private var names = 0
  private var checksums: [UInt64] = []
  /// The first write that failed; later sections are not written.
  private var failure: Errno?

  /// Sections of at least this many bytes are written on every core.
  private let large: Int

  private init(fd: Int32, large: Int) {
    self.fd = fd
    self.large = large
  }

  /// Writes the index file at `path` with the sections `body` adds, under the content `key`.
  /// A failure leaves the old file as it was and is recorded in `CacheFile.failures`. Sections
  /// of `largeSections` bytes or more are written on every core.
  @discardableResult
  static func write(
    _ path: String, key: UInt64, largeSections: Int = 4 << 20,
    _ body: (inout IndexFileWriter) -> Void
  ) -> Bool {
    do {
      try Files.makeDirectories(Files.folder(of: path))
      try Files.replace(path) { fd throws(Errno) in
        var writer = IndexFileWriter(fd: fd, large: largeSections)
        writer.write([UInt8](repeating: 0, count: IndexFile.headerSize))
        body(&writer)
        try writer.finish(key: key)
      }
      return true
    } catch {
      CacheFile.recordFailure(path, error.errno?.rawValue ?? 0)
      return false
    }
  }

  mutating func add(_ name: String, _ values: [Int32]) {
    values.withUnsafeBytes { add(name, $0) }
  }

  mutating func add(_ name: String, _ values: [UInt32]) {
    values.withUnsafeBytes { add(name, $0) }
  }

  mutating func add(_ name: String, _ bytes: [UInt8]) {
    bytes.withUnsafeBytes { add(name, $0) }
  }

  /// Adds a section, starting on a 64-byte boundary.
  mutating func add(_ name: String, _ raw: UnsafeRawBufferPointer) {
    let start = (offset + 63) & ~63
    if start > offset { write([UInt8](repeating: 0, count: start - offset)) }
    toc.string(name)
    toc.uint(UInt64(start))
    toc.uint(UInt64(raw.count))
    names += 1
    if raw.count < large {
      checksums += Self.checksums(raw)
      write(raw)
      return
    }
    // A large section is checked and written in pieces on every core, each piece from its own
    // place in the file (whole chunks, so its checksums are the chunks' own).
    let pieces = max(2, ProcessInfo.processInfo.activeProcessorCount * 2)
    let per = (raw.count / pieces / IndexFile.chunk + 1) * IndexFile.chunk
    let count = (raw.count + per - 1) / per
    var done = [(checksums: [UInt64], failure: Errno?)](repeating: ([], nil), count: count)
    if failure == nil {
      let fd = fd
      let at = offset
      done.withUnsafeMutableBufferPointer { slots in
        nonisolated(unsafe) let slots = slots
        nonisolated(unsafe) let raw = raw
        DispatchQueue.concurrentPerform(iterations: count) { p in
          let piece = UnsafeRawBufferPointer(
            rebasing: raw[p * per..<min(raw.count, (p + 1) * per)])
          slots[p].checksums = Self.checksums(piece)
          do throws(Errno) {
            try Files.writeAll(fd, piece, at: at + p * per)
          } catch {
            slots[p].failure = error
          }
        }
      }
      failure = done.lazy.compactMap(\.failure).first
    }
    for piece in done { checksums += piece.checksums }
    offset += raw.count
    if failure == nil, lseek(fd, off_t(offset), SEEK_SET) != off_t(offset) {
      failure = Errno.current
    }
  }

  /// The checksum of each chunk of `raw`, in order.
  private static func checksums(_ raw: UnsafeRawBufferPointer) -> [UInt64] {
    var out: [UInt64] = []
    out.reserveCapacity((raw.count + IndexFile.chunk - 1) / IndexFile.chunk)
    var k = 0
    while k < raw.count {
      let n = min(IndexFile.chunk, raw.count - k)
      out.append(Checksum.of(UnsafeRawBufferPointer(rebasing: raw[k..<k + n])))
      k += n
    }
    return out
  }

  private mutating func write(_ bytes: [UInt8]) { bytes.withUnsafeBytes { write($0) } }

  private mutating func write(_ raw: UnsafeRawBufferPointer) {
    guard failure == nil else { return }
    do {
      try Files.writeAll(fd, raw)
    } catch {
      failure = error
    }
    offset += raw.count
  }

  /// Writes the table of contents, then the header over the room left for it at the start.
  private mutating func finish(key: UInt64) throws(Errno) {
    var contents = BinaryWriter(capacity: 4096 + checksums.count * 8)
    contents.uint(UInt64(names))
    contents.raw(toc.bytes)
    contents.uint(UInt64(checksums.count))
    for c in checksums { contents.fixed64(c) }
    let tocOffset = offset
    write(contents.bytes)
    if let failure { throw failure }
    var header = BinaryWriter(capacity: IndexFile.headerSize)
    for b in IndexFile.magic { header.byte(b) }
    header.fixed64(CacheFile.formatVersion)
    header.fixed64(key)
    header.fixed64(UInt64(tocOffset))
    header.fixed64(UInt64(contents.bytes.count))
    header.fixed64(Checksum.of(contents.bytes))
    header.fixed64(UInt64(offset))
    header.fixed64(Checksum.of(header.bytes))
    guard lseek(fd, 0, SEEK_SET) == 0 else { throw Errno.current }
    try Files.writeAll(fd, header.bytes)
  }
}
