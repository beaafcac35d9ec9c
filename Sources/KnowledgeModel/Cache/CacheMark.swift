import CacheFormat

/// Up to which mark of the watch daemon's journal an entries cache is known to be current: the
/// mark, and the payload checksum of the cache it speaks for. A file of its own beside the
/// cache (`NAME-KEY.mark`), so that moving the mark on never rewrites the cache; the checksum
/// ties it to one cache, so a cache replaced by another process is never taken as current.
struct CacheMark: Hashable, Sendable {
  static let kind: UInt8 = 4
  var mark: JournalMark
  var cache: UInt64

  static func read(_ path: String) -> CacheMark? {
    guard var r = CacheFile.read(path) else { return nil }
    do {
      guard try r.byte() == kind else { return nil }
      let mark = try JournalMark(from: &r)
      let cache = try r.fixed64()
      guard r.isAtEnd else { return nil }
      return CacheMark(mark: mark, cache: cache)
    } catch {
      return nil
    }
  }

  func write(_ path: String) {
    var w = BinaryWriter(capacity: 64)
    w.byte(Self.kind)
    mark.write(to: &w)
    w.fixed64(cache)
    CacheFile.write(path, payload: w.bytes)
  }
}
