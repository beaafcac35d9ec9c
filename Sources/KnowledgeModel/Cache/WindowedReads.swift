import CacheFormat

/// Reads of an entries cache's blocks file for a walk of its entries in order (an index
/// build): a read is served from one of two windows of the file, a mebibyte each, and only one
/// that falls outside both reads the file, into the window used less recently. The records of
/// a run of entries lie one after another in the file, and so do their bodies, so one window
/// follows each: a walk of 100,000 entries reads the file a few hundred times rather than twice
/// for every entry. One per walk: not for sharing between threads.
public final class WindowedReads {
  /// How large a window is, unless told.
  public static let size = 1 << 20

  private let file: CacheFile.OpenFile
  /// How far into the file reads may reach (the length of the blocks the cache names).
  private let end: Int
  private let size: Int
  private var windows: [(start: Int, count: Int, bytes: [UInt8])]
  private var last = 0

  init(_ store: BodyStore, size: Int = WindowedReads.size) {
    file = store.file
    end = store.length
    self.size = size
    windows = [(0, 0, []), (0, 0, [])]
  }

  /// `body` of exactly `count` bytes from `offset`, or nil when the file does not have them.
  func withBytes<R>(at offset: Int, count: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R? {
    guard offset >= 0, count >= 0, offset <= end - count else {
      return file.bytes(at: offset, count: count).map { $0.withUnsafeBytes(body) }
    }
    var k = windows.indices.first {
      windows[$0].start <= offset && offset + count <= windows[$0].start + windows[$0].count
    }
    if k == nil {
      // A read larger than a window is made on its own.
      guard count <= size else {
        return file.bytes(at: offset, count: count).map { $0.withUnsafeBytes(body) }
      }
      let moved = 1 - last
      let length = min(size, end - offset)
      if windows[moved].bytes.count < size {
        windows[moved].bytes = [UInt8](repeating: 0, count: size)
      }
      let read = windows[moved].bytes.withUnsafeMutableBytes {
        file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<length]), at: offset)
      }
      guard read else {
        windows[moved].count = 0
        return nil
      }
      windows[moved].start = offset
      windows[moved].count = length
      k = moved
    }
    last = k!
    let from = offset - windows[k!].start
    return windows[k!].bytes.withUnsafeBytes {
      body(UnsafeRawBufferPointer(rebasing: $0[from..<from + count]))
    }
  }

  /// The text of a body kept in the file, when its bytes match their checksum (else nil: the
  /// body reads itself, and finds the damage).
  func text(of body: StoredBody) -> String? {
    guard body.store.file === file else { return nil }
    return withBytes(at: body.offset, count: body.length) { bytes -> String? in
      guard Checksum.of(bytes) == body.checksum else { return nil }
      return String(decoding: bytes, as: UTF8.self)
    } ?? nil
  }
}
