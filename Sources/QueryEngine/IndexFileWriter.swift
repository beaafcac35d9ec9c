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
  /// The sections reserved, and how far each has been filled.
  private var reservations: [Reservation] = []

  private struct Reservation {
    let start: Int
    let length: Int
    let firstChecksum: Int
    /// Bytes written, and chunks whose checksum is known.
    var written = 0
    var done = 0
    /// The start of a chunk whose end has not come yet.
    var carry: [UInt8] = []
  }

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
    if raw.count < large {
      startSection(name, raw.count)
      checksums += Self.checksums(raw)
      write(raw)
      return
    }
    let section = reserve(name, bytes: raw.count)
    fill(section, raw)
  }

  /// Places a section's name and bounds in the table of contents, from where the file is now
  /// (moved on to a 64-byte boundary).
  private mutating func startSection(_ name: String, _ count: Int) {
    let start = (offset + 63) & ~63
    if start > offset { write([UInt8](repeating: 0, count: start - offset)) }
    toc.string(name)
    toc.uint(UInt64(start))
    toc.uint(UInt64(count))
    names += 1
  }

  /// A section whose bytes come later, in pieces, front to back (`fill`), each written from its
  /// own place in the file.
  struct Reserved {
    fileprivate let number: Int
  }

  /// Room for a section of `bytes` bytes, filled later with `fill`: the sections added after it
  /// follow it in the file, so a large section can be made and written a part at a time, and
  /// no part of it held longer than it takes to write.
  mutating func reserve(_ name: String, bytes: Int) -> Reserved {
    startSection(name, bytes)
    let chunks = (bytes + IndexFile.chunk - 1) / IndexFile.chunk
    reservations.append(
      Reservation(start: offset, length: bytes, firstChecksum: checksums.count))
    checksums += [UInt64](repeating: 0, count: chunks)
    offset += bytes
    if failure == nil, lseek(fd, off_t(offset), SEEK_SET) != off_t(offset) {
      failure = Errno.current
    }
    return Reserved(number: reservations.count - 1)
  }

  /// Writes the next bytes of a reserved section, and the checksums of the chunks they
  /// complete (a chunk split between two pieces is checked when its end comes). A large piece
  /// is checked in parts on every core while one thread writes it whole: writes to one file
  /// take turns anyway (the file system locks it for each), and a core waiting for the lock
  /// spins where it could check.
  mutating func fill(_ section: Reserved, _ piece: UnsafeRawBufferPointer) {
    var r = reservations[section.number]
    precondition(r.written + piece.count <= r.length, "a reserved section overfilled")
    let ends = r.written + piece.count == r.length
    // The end of a chunk begun by the last piece.
    var head = 0
    if !r.carry.isEmpty {
      head = min(IndexFile.chunk - r.carry.count, piece.count)
      r.carry += piece[0..<head]
      if r.carry.count == IndexFile.chunk || ends {
        r.carry.withUnsafeBytes { checksums[r.firstChecksum + r.done] = Checksum.of($0) }
        r.done += 1
        r.carry = []
      }
    }
    // Then whole chunks (and, at the section's end, the last part of one), in parts.
    let rest = UnsafeRawBufferPointer(rebasing: piece[head...])
    let checked = ends ? rest.count : rest.count / IndexFile.chunk * IndexFile.chunk
    let chunks = (checked + IndexFile.chunk - 1) / IndexFile.chunk
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let parts = chunks < 64 ? 1 : max(2, cores * 2)
    let per = max(1, (chunks + parts - 1) / parts) * IndexFile.chunk
    let count = max(1, (checked + per - 1) / per)
    let (fd, at, skip) = (fd, r.start + r.written + head, failure != nil)
    nonisolated(unsafe) let restBytes = rest
    // The first task writes every part; task `p + 1` checks part `p`.
    let done = FieldRuns.onEveryCore(count + 1) { task -> (sums: [UInt64], failure: Errno?) in
      if task > 0 {
        let p = task - 1
        let part = restBytes[p * per..<min(checked, (p + 1) * per)]
        return (Self.checksums(UnsafeRawBufferPointer(rebasing: part)), nil)
      }
      guard !skip, checked > 0 else { return ([], nil) }
      do throws(Errno) {
        try Files.writeAll(fd, UnsafeRawBufferPointer(rebasing: restBytes[..<checked]), at: at)
      } catch {
        return ([], error)
      }
      return ([], nil)
    }
    failure = failure ?? done.lazy.compactMap(\.failure).first
    for sums in done.map(\.sums) {
      for sum in sums {
        checksums[r.firstChecksum + r.done] = sum
        r.done += 1
      }
    }
    // What is left begins a chunk that the next piece ends.
    let left = UnsafeRawBufferPointer(rebasing: rest[checked...])
    if failure == nil, head > 0 || !left.isEmpty {
      do throws(Errno) {
        try Files.writeAll(
          fd, UnsafeRawBufferPointer(rebasing: piece[0..<head]), at: r.start + r.written)
        try Files.writeAll(fd, left, at: at + checked)
      } catch {
        failure = error
      }
    }
    r.carry += left
    r.written += piece.count
    reservations[section.number] = r
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
    precondition(
      reservations.allSatisfy { $0.written == $0.length }, "a reserved section left unfilled")
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
