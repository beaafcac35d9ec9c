import CacheFormat
import Foundation

/// Where the start-up caches live: `$XDG_CACHE_HOME/safetykb/` (default `~/.cache/safetykb/`),
/// one pair of files per knowledge base, named after its absolute path.
public struct CacheLocation: Sendable, Hashable {
  public var directory: String
  /// Whether loads ask a watch daemon what changed (nil: every file's stamp is taken).
  public var watch: WatchUse?

  public init(directory: String, watch: WatchUse? = nil) {
    self.directory = directory
    self.watch = watch
  }

  /// The standard place, or nil when neither `XDG_CACHE_HOME` nor `HOME` is set.
  public static func standard(environment: [String: String]) -> CacheLocation? {
    if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
      return CacheLocation(directory: xdg + "/safetykb")
    }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return CacheLocation(directory: home + "/.cache/safetykb")
  }

  /// The index cache file of the knowledge base in `root` (as the user named it).
  public func indexFile(forRoot root: String) -> String {
    files(for: CacheLocation.absolute(root)).index
  }

  /// The cache files of the knowledge base at `absoluteRoot`.
  func files(for absoluteRoot: String) -> (entries: String, index: String) {
    let name = URL(fileURLWithPath: absoluteRoot).lastPathComponent.filter {
      $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_"
    }
    let key = String(Checksum.of(absoluteRoot), radix: 16)
    let stem = directory + "/" + String(name.prefix(40)) + "-" + key
    return (stem + ".entries", stem + ".index")
  }

  /// The file that says up to which journal mark the entries cache is known to be current.
  func markFile(for absoluteRoot: String) -> String {
    String(files(for: absoluteRoot).entries.dropLast(".entries".count)) + ".mark"
  }

  /// The absolute, link-free path of a folder, the cache's key.
  public static func absolute(_ root: String) -> String {
    if let real = realpath(root, nil) {
      defer { free(real) }
      return String(cString: real)
    }
    return URL(fileURLWithPath: root).standardizedFileURL.path
  }
}
