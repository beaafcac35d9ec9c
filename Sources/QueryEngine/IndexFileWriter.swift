import Foundation
import KnowledgeModel

#if canImport(Glibc)
  import Glibc
#endif

/// Writes an `IndexFile`: sections one after another (each from where its array lies, never
/// gathered into one buffer), then the table of contents with every chunk's checksum, then the
/// header. The file is written under a temporary name and renamed into place, so a reader only
/// ever opens a whole file, and a file already open is never changed.
struct IndexFileWriter {
  private let path: String
  private let temporary: String
  private let fd: Int32
  private var offset = IndexFile.headerSize
  private var toc = BinaryWriter(capacity: 4096)
  private var names = 0
  private var checksums: [UInt64] = []
  private var ok = true
  private var failure: Int32 = 0

  init?(path: String) {
    self.path = path
    let folder = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(
      atPath: folder, withIntermediateDirectories: true, attributes: nil)
    temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    fd = Glibc.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      CacheFile.recordFailure(path, errno)
      return nil
    }
    toc.uint(0)  // replaced by the count of sections when the file is finished
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
    guard ok else { return }
    let start = (offset + 63) & ~63
    if start > offset { write([UInt8](repeating: 0, count: start - offset)) }
    toc.string(name)
    toc.uint(UInt64(start))
    toc.uint(UInt64(raw.count))
    names += 1
    var k = 0
    while k < raw.count {
      let n = min(IndexFile.chunk, raw.count - k)
      checksums.append(Checksum.of(UnsafeRawBufferPointer(rebasing: raw[k..<k + n])))
      k += n
    }
    write(raw)
  }

  private mutating func write(_ bytes: [UInt8]) { bytes.withUnsafeBytes { write($0) } }

  private mutating func write(_ raw: UnsafeRawBufferPointer) {
    var done = 0
    while ok, done < raw.count {
      let n = pwrite(fd, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
      if n < 0, errno == EINTR { continue }
      if n <= 0 {
        ok = false
        failure = errno
      }
      done += max(0, n)
    }
    offset += raw.count
  }

  /// Writes the table of contents and the header and renames the file into place.
  @discardableResult
  consuming func finish(key: UInt64) -> Bool {
    var contents = BinaryWriter(capacity: 4096 + checksums.count * 8)
    contents.uint(UInt64(names))
    var t = BinaryReader(toc.bytes)
    _ = try? t.uint()
    contents.raw(Array(toc.bytes[t.position...]))
    contents.uint(UInt64(checksums.count))
    for c in checksums { contents.fixed64(c) }
    let tocOffset = offset
    write(contents.bytes)
    var header = BinaryWriter(capacity: IndexFile.headerSize)
    for b in IndexFile.magic { header.byte(b) }
    header.fixed64(CacheFile.formatVersion)
    header.fixed64(key)
    header.fixed64(UInt64(tocOffset))
    header.fixed64(UInt64(contents.bytes.count))
    header.fixed64(Checksum.of(contents.bytes))
    header.fixed64(UInt64(offset))
    header.fixed64(Checksum.of(header.bytes))
    let end = offset
    offset = 0
    write(header.bytes)
    offset = end
    close(fd)
    guard ok, rename(temporary, path) == 0 else {
      CacheFile.recordFailure(path, ok ? errno : failure)
      unlink(temporary)
      return false
    }
    return true
  }
}
