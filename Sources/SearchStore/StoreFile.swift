/// Reads a store file into a document: nil when it does not exist, a fatal problem when it cannot
/// be read or parsed.
enum StoreFile {
  static func read(_ path: String) throws(StoreProblem) -> StoreDocument? {
    let bytes: [UInt8]?
    do {
      bytes = try FileIO.contents(of: path)
    } catch {
      throw StoreProblem(path: path, line: 1, column: 1, message: error.message, isFatal: true)
    }
    guard let bytes else { return nil }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw StoreProblem(
        path: path, line: 1, column: 1, message: "the file is not UTF-8 text", isFatal: true)
    }
    return try StoreDocument(text: text, path: path)
  }

  /// The searches in the file at `path` and the problems found; a missing file holds none.
  static func load(_ path: String) -> (searches: [SavedSearch], problems: [StoreProblem]) {
    do {
      guard let document = try read(path) else { return ([], []) }
      return document.searches()
    } catch {
      return ([], [error])
    }
  }
}
