import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A private folder for the files a load without cache spills to (`--no-cache` on a large
/// knowledge base): the entries and the index are written there as the cache would write them,
/// opened, and unlinked at once, so that they live only as long as the process holds them open
/// and nothing is left behind. Made in `$TMPDIR` (else `/tmp`), readable by its owner only.
///
/// Why spill rather than hold: at 100,000 entries, entries with their bodies and the index held
/// in memory peak near 1 GB; written as they are made and read back piece by piece, about a
/// third of that (see docs/benchmarks.md).
public final class ScratchFolder: Sendable {
  public let path: String

  private init(path: String) { self.path = path }

  /// A new folder in `directory` (nil: `$TMPDIR`, else `/tmp`), or nil when none can be made
  /// (the caller then holds everything in memory).
  public static func make(in directory: String? = nil) -> ScratchFolder? {
    var base = directory ?? ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
    if base.isEmpty { base = "/tmp" }
    if base.count > 1, base.hasSuffix("/") { base.removeLast() }
    var template = Array((base + "/safetykb-XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else { return nil }
    return ScratchFolder(path: String(cString: made))
  }

  /// The path of a file in the folder.
  public func file(_ name: String) -> String { path + "/" + name }

  /// Removes every file in the folder, then the folder. Files still open stay readable through
  /// their descriptors until they are closed.
  public func remove() {
    if let names = try? FileManager.default.contentsOfDirectory(atPath: path) {
      for name in names { unlink(file(name)) }
    }
    rmdir(path)
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
