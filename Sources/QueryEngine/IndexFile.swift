import CacheFormat
import Foundation

/// An index file on disk, laid out to be used where it lies and read piece by piece: a header,
/// named sections (each a run of fixed-width numbers or encoded bytes, starting on a 64-byte
/// boundary), then a table of contents with a checksum for every 8 KiB chunk of every section.
///
/// Opening reads only the header and the table of contents, and checks both (and that the file
/// is exactly as long as it says). Everything else is read when a query first needs it, with
/// `pread`, a chunk at a time: each chunk read is checked against its checksum before anything
/// uses it, every time it is read, so damage is found before use however the file changes later.
/// A short read (the file was cut under us) or a wrong checksum marks the file `damaged`; the
/// reader returns nothing, and the searcher answers again from an index built afresh.
///
/// Why `pread` rather than `mmap`: a mapped file that another program truncates ends the process
/// with SIGBUS when a page beyond the new end is touched, and bytes changed in place after they
/// were checked would reach the query unseen. Read into our own memory, the bytes checked are
/// the bytes used. The cost is a copy of the pages a query touches, which the page cache serves.
/// Files are replaced only by renaming a new one over them, so an open file never changes under
/// us unless someone else writes to it.
final class IndexFile: @unchecked Sendable {
  static let magic: [UInt8] = Array("SKBINDEX".utf8)
  static let chunk = 8192
  static let headerSize = 64

  struct Section {
    var offset: Int
    var length: Int
    /// Index of the section's first chunk checksum.
    var firstChecksum: Int
  }

  let file: CacheFile.OpenFile
  let key: UInt64
  private let sections: [String: Section]
  private let checksums: [UInt64]
  private let lock = NSLock()
  private var isDamaged = false

  /// Whether any read found the file cut short or changed.
  var damaged: Bool { lock.withLock { isDamaged } }

  func markDamaged() { lock.withLock { isDamaged = true } }

  private init(
    file: CacheFile.OpenFile, key: UInt64, sections: [String: Section], checksums: [UInt64]
  ) {
    self.file = file
    self.key = key
    self.sections = sections
    self.checksums = checksums
  }

  /// The file at `path`, its header and table of contents checked, or nil.
  static func open(_ path: String) -> IndexFile? {
    guard let (file, fileSize) = CacheFile.OpenFile.open(path, minimumSize: headerSize),
      let header = file.bytes(at: 0, count: headerSize), Array(header[0..<8]) == magic
    else { return nil }
    var r = BinaryReader(header, from: 8)
    guard let version = try? r.fixed64(), version == CacheFile.formatVersion,
      let key = try? r.fixed64(), let tocOffset = try? r.fixed64(),
      let tocLength = try? r.fixed64(), let tocChecksum = try? r.fixed64(),
      let size = try? r.fixed64(), let headerChecksum = try? r.fixed64(),
      Checksum.of(Array(header[0..<56])) == headerChecksum, size == UInt64(fileSize),
      tocOffset <= size, tocLength == size - tocOffset,
      let toc = file.bytes(at: Int(tocOffset), count: Int(tocLength)),
      Checksum.of(toc) == tocChecksum
    else { return nil }
    var t = BinaryReader(toc)
    do {
      var sections: [String: Section] = [:]
      var expected = 0
      for _ in 0..<(try t.count()) {
        let name = try t.string()
        let offset = Int(try t.uint())
        let length = Int(try t.uint())
        guard offset >= headerSize, length >= 0, offset <= Int(tocOffset) - length else {
          return nil
        }
        sections[name] = Section(offset: offset, length: length, firstChecksum: expected)
        expected += (length + chunk - 1) / chunk
      }
      guard try t.count() == expected else { return nil }
      var checksums: [UInt64] = []
      checksums.reserveCapacity(expected)
      for _ in 0..<expected { checksums.append(try t.fixed64()) }
      guard t.isAtEnd else { return nil }
      return IndexFile(file: file, key: key, sections: sections, checksums: checksums)
    } catch {
      return nil
    }
  }

  func has(_ name: String) -> Bool { sections[name] != nil }

  /// The length of a section in bytes (0 when there is none).
  func length(_ name: String) -> Int { sections[name]?.length ?? 0 }

  /// Bytes `range` of a section, read and checked chunk by chunk, or nil (the file is then marked
  /// damaged).
  func bytes(_ name: String, _ range: Range<Int>? = nil) -> [UInt8]? {
    read(name, range, as: UInt8.self)
  }

  /// Elements `range` of a section of 32-bit numbers, or nil.
  func int32s(_ name: String, _ range: Range<Int>? = nil) -> [Int32]? {
    read(name, range.map { $0.lowerBound * 4..<$0.upperBound * 4 }, as: Int32.self)
  }

  func uint32s(_ name: String) -> [UInt32]? { read(name, nil, as: UInt32.self) }

  private func read<T: FixedWidthInteger>(_ name: String, _ range: Range<Int>?, as: T.Type) -> [T]?
  {
    guard let section = sections[name] else {
      markDamaged()
      return nil
    }
    let wanted = range ?? 0..<section.length
    guard wanted.lowerBound >= 0, wanted.upperBound <= section.length,
      wanted.count % MemoryLayout<T>.size == 0
    else {
      markDamaged()
      return nil
    }
    if wanted.isEmpty { return [] }
    let first = wanted.lowerBound / Self.chunk
    let last = (wanted.upperBound - 1) / Self.chunk
    let start = first * Self.chunk
    let end = min(section.length, (last + 1) * Self.chunk)
    // The chunks are read whole (each checked on its own), then the wanted part is copied out.
    // When the wanted part is the whole run of chunks, it is read straight into the result.
    let direct = start == wanted.lowerBound && end == wanted.upperBound
    var ok = true
    let count = wanted.count / MemoryLayout<T>.size
    let result = [T](unsafeUninitializedCapacity: count) { buffer, initialised in
      let raw = UnsafeMutableRawBufferPointer(buffer)
      func check(_ chunks: UnsafeRawBufferPointer) -> Bool {
        var k = 0
        while k < chunks.count {
          let n = min(Self.chunk, chunks.count - k)
          let piece = UnsafeRawBufferPointer(rebasing: chunks[k..<k + n])
          if Checksum.of(piece) != checksums[section.firstChecksum + first + k / Self.chunk] {
            return false
          }
          k += n
        }
        return true
      }
      if direct {
        ok = file.read(into: raw, at: section.offset + start) && check(UnsafeRawBufferPointer(raw))
      } else {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: end - start, alignment: 8)
        defer { scratch.deallocate() }
        ok =
          file.read(into: scratch, at: section.offset + start)
          && check(UnsafeRawBufferPointer(scratch))
        if ok {
          raw.copyMemory(
            from: UnsafeRawBufferPointer(
              rebasing: scratch[(wanted.lowerBound - start)..<(wanted.upperBound - start)]))
        }
      }
      initialised = ok ? count : 0
    }
    if !ok { markDamaged() }
    return ok ? result : nil
  }
}
