import CacheFormat
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Removes the cache files of knowledge bases that no longer exist, whenever a cache is written:
/// folders come and go (checkouts, copies, temporary folders), and each left a pair of cache
/// files behind (with the entries cache's blocks file), hundreds of megabytes for a large one.
enum StaleCaches {
  /// Temporary files older than this were left by a process that died while writing.
  static let abandonedAfter: TimeInterval = 24 * 60 * 60

  /// Removes, in `folder`, every pair of cache files whose knowledge base folder is gone (other
  /// than `keeping`), and abandoned temporary files. Files of another format version are left
  /// alone: another version of SafetyKB may still use them.
  static func remove(in folder: String, keeping path: String) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    let now = Date()
    for name in names {
      let file = folder + "/" + name
      if name.contains(".tmp-") {
        let modified = (try? FileManager.default.attributesOfItem(atPath: file))?[.modificationDate]
        if let modified = modified as? Date, now.timeIntervalSince(modified) > abandonedAfter {
          unlink(file)
        }
        continue
      }
      guard name.hasSuffix(".entries"), file != path, let root = recordedRoot(of: file),
        root.hasPrefix("/"), !FileManager.default.fileExists(atPath: root)
      else { continue }
      unlink(file)
      BlocksFile.removeOthers(of: file, keeping: nil, olderThan: 0)
      let stem = String(file.dropLast(".entries".count))
      unlink(stem + ".index")
      unlink(stem + ".index.lock")
      unlink(stem + ".mark")
      // A watch daemon's state: its daemon ended when the folder went (or will, and then
      // finds its state folder gone). Never while one still holds the lock.
      let watch = WatchFolder(path: stem + ".watch")
      if !watch.hasDaemon { try? FileManager.default.removeItem(atPath: watch.path) }
    }
  }

  /// The knowledge base folder an entries cache file of this format version was written for,
  /// read from its first bytes (the payload begins with it), or nil.
  static func recordedRoot(of path: String) -> String? {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes = [UInt8](repeating: 0, count: CacheFile.headerSize + 4096)
    let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    guard n > CacheFile.headerSize else { return nil }
    var r = BinaryReader(Array(bytes[0..<n]), from: 8)
    guard Array(bytes[0..<8]) == CacheFile.magic, (try? r.fixed64()) == CacheFile.formatVersion,
      (try? r.skip(16)) != nil, (try? r.byte()) == LoadCache.kind
    else { return nil }
    return try? r.string()
  }
}
