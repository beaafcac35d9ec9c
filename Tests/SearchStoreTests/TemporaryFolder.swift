import Foundation

/// A fresh folder under the system's temporary folder, removed when the value is released.
final class TemporaryFolder: @unchecked Sendable {
  let path: String

  init() {
    let base = FileManager.default.temporaryDirectory.path
    path = base + "/searchstore-test-" + UUID().uuidString.lowercased()
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// `path/name`.
  func file(_ name: String) -> String { path + "/" + name }

  func write(_ text: String, to name: String) -> String {
    let target = file(name)
    try! FileManager.default.createDirectory(
      atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try! Data(text.utf8).write(to: URL(fileURLWithPath: target))
    return target
  }

  func read(_ name: String) -> String? {
    (try? Data(contentsOf: URL(fileURLWithPath: file(name)))).map {
      String(decoding: $0, as: UTF8.self)
    }
  }

  func bytes(_ name: String) -> Data? { try? Data(contentsOf: URL(fileURLWithPath: file(name))) }
}
