import Foundation

/// A folder under the system's temporary directory that tests write fixture files into. It is
/// removed when the value is deinitialised.
public final class TemporaryFolder: @unchecked Sendable {
  public let path: String

  public init(prefix: String = "safetykb-test") throws {
    let base = URL(fileURLWithPath: NSTemporaryDirectory())
      .appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    path = base.path
  }

  /// A folder holding a copy of the folder at `source` (a fixture knowledge base to change).
  public convenience init(copying source: String) throws {
    try self.init()
    try FileManager.default.removeItem(atPath: path)
    try FileManager.default.copyItem(atPath: source, toPath: path)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// The full path of a file below the folder.
  public func url(_ relative: String) -> String {
    path + "/" + relative
  }

  /// Writes text (UTF-8) to a file below the folder, creating folders on the way.
  @discardableResult
  public func write(_ relative: String, _ text: String) throws -> String {
    try write(relative, bytes: Array(text.utf8))
  }

  /// Writes raw bytes to a file below the folder, creating folders on the way.
  @discardableResult
  public func write(_ relative: String, bytes: [UInt8]) throws -> String {
    let full = url(relative)
    try FileManager.default.createDirectory(
      atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: full))
    return full
  }

  /// Reads a file below the folder as bytes.
  public func read(_ relative: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: url(relative))))
  }
}

extension TemporaryFolder {
  /// A file below the folder as UTF-8 text, or nil when it cannot be read.
  public func text(_ relative: String) -> String? {
    (try? read(relative)).map { String(decoding: $0, as: UTF8.self) }
  }
}

extension TemporaryFolder {
  /// The permission bits of a file below the folder, or nil when it does not exist.
  public func mode(_ relative: String) -> mode_t? {
    var status = stat()
    guard stat(url(relative), &status) == 0 else { return nil }
    return status.st_mode & 0o777
  }
}

extension TemporaryFolder {
  /// Copies the small fixture knowledge base to `kb/` and makes an empty `home/`; returns the
  /// copy's path and an environment that keeps a program's cache and home in this folder,
  /// `extra` added.
  public func smallKnowledgeBase(environment extra: [String: String] = [:]) throws -> (
    kb: String, environment: [String: String]
  ) {
    let kb = url("kb")
    try FileManager.default.copyItem(atPath: FixturePaths.smallKB, toPath: kb)
    try FileManager.default.createDirectory(atPath: url("home"), withIntermediateDirectories: true)
    let environment = ["XDG_CACHE_HOME": url("cache"), "HOME": url("home")]
    return (kb, environment.merging(extra) { $1 })
  }
}

extension TemporaryFolder {
  /// Writes `count` small lessons, `many-0` to `many-(count-1)`, into `folder`: a knowledge base
  /// whose every-entry answer is larger than a pipe holds.
  public func writeManyEntries(_ count: Int, in folder: String = "kb/lessons") throws {
    for n in 0..<count {
      try write(
        "\(folder)/many-\(n).md",
        Fixtures.entry(id: "many-\(n)", title: "Entry number \(n) of many", body: "Words."))
    }
  }
}
