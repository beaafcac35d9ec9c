import CacheFormat
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A private folder for the files a load without cache spills to (`--no-cache` on a large
/// knowledge base): the entries and the index are written there as the cache would write them,
/// opened, and unlinked at once, so that they live only as long as the process holds them open.
/// Made in `$TMPDIR` (else `/tmp`) as `safetykb-spill-XXXXXX`, readable by its owner only.
///
/// A process killed while it writes leaves its folder behind; the next one to make a folder
/// removes it. Each folder holds a lock file, locked (`flock`) for as long as its process lives:
/// a folder whose lock can be taken has no owner left.
///
/// Why spill rather than hold: at 100,000 entries, entries with their bodies and the index held
/// in memory peak near 1 GB; written as they are made and read back piece by piece, about a
/// third of that (see docs/development.md).
public final class ScratchFolder: Sendable {
  static let prefix = CacheFile.scratchPrefix
  static let lockName = ".lock"

  public let path: String
  /// The lock file, held until the folder is removed.
  private let lock: Int32

  private init(path: String, lock: Int32) {
    self.path = path
    self.lock = lock
  }

  /// A new folder in `directory` (nil: `$TMPDIR`, else `/tmp`), or nil when none can be made
  /// (the caller then holds everything in memory). Folders left there by processes that are
  /// gone are removed first.
  public static func make(in directory: String? = nil) -> ScratchFolder? {
    var base = directory ?? ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
    if base.isEmpty { base = "/tmp" }
    if base.count > 1, base.hasSuffix("/") { base.removeLast() }
    removeAbandoned(in: base)
    var template = Array((base + "/" + prefix + "XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else { return nil }
    let path = String(cString: made)
    // Locked under another name, then renamed: a lock file that can be seen is always held
    // while its process lives.
    let making = path + "/" + lockName + ".new"
    let lock = open(making, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard lock >= 0, flock(lock, LOCK_EX | LOCK_NB) == 0,
      rename(making, path + "/" + lockName) == 0
    else {
      if lock >= 0 { close(lock) }
      empty(path)
      return nil
    }
    return ScratchFolder(path: path, lock: lock)
  }

  /// The path of a file in the folder.
  public func file(_ name: String) -> String { path + "/" + name }

  /// Removes every file in the folder, then the folder, and lets go of its lock. Files still
  /// open stay readable through their descriptors until they are closed.
  public func remove() {
    Self.empty(path)
    close(lock)
  }

  private static func empty(_ path: String) {
    if let names = try? FileManager.default.contentsOfDirectory(atPath: path) {
      for name in names { unlink(path + "/" + name) }
    }
    rmdir(path)
  }

  /// Removes the scratch folders in `base` whose lock no process holds: only real folders
  /// (not links) of this user's. (One without a lock file is being made, or was left empty: it
  /// is left alone.)
  static func removeAbandoned(in base: String) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: base) else { return }
    for name in names where name.hasPrefix(prefix) {
      let folder = base + "/" + name
      var info = stat()
      guard lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid()
      else { continue }
      let lock = open(folder + "/" + lockName, O_RDWR | O_CLOEXEC | O_NOFOLLOW)
      guard lock >= 0 else { continue }
      defer { close(lock) }
      guard flock(lock, LOCK_EX | LOCK_NB) == 0 else { continue }
      empty(folder)
    }
  }
}

/// When a load or an index without cache spills to a `ScratchFolder`, and where.
public struct SpillPolicy: Sendable, Hashable {
  /// From how many files (for a load) or entries (for an index).
  public var from: Int
  /// Where scratch folders are made (nil: `$TMPDIR`, else `/tmp`).
  public var directory: String?

  public init(from: Int, directory: String? = nil) {
    self.from = from
    self.directory = directory
  }

  /// From 20,000: below it, what is held stays under about 250 MB, and holding it is faster.
  public static let standard = SpillPolicy(from: 20_000)
  public static let never = SpillPolicy(from: .max)

  /// A scratch folder for `count` files or entries, when they are enough to spill.
  public func folder(for count: Int) -> ScratchFolder? {
    count >= from ? ScratchFolder.make(in: directory) : nil
  }
}
