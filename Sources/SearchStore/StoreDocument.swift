import Yams

/// A store file read into a YAML node tree. Changes edit the tree (replace, append or remove one
/// search mapping) and the tree is written back whole, so keys the program does not know — at the
/// top level and inside each search — and the order of searches survive a rewrite.
///
/// Comments do not survive: libyaml's node tree has no place for them, so a hand-written comment is
/// lost the next time the program rewrites the file.
struct StoreDocument {
  /// The top-level mapping, without its `searches` value (kept in `entries`).
  private var root: Node.Mapping
  /// The items of the `searches` list, in file order.
  private(set) var entries: [Node]
  let path: String

  static let searchesKey = "searches"

  /// An empty store, for a file that does not exist yet.
  init(path: String) {
    self.path = path
    root = Node.Mapping([])
    entries = []
  }

  /// Reads `text`; a problem here is fatal: the file must not be rewritten.
  init(text: String, path: String) throws(StoreProblem) {
    self.path = path
    let node: Node?
    do {
      node = try Yams.compose(yaml: text)
    } catch {
      throw YAMLErrorLocation.problem(for: error, path: path)
    }
    guard let node else {
      root = Node.Mapping([])
      entries = []
      return
    }
    guard case .mapping(let mapping) = node else {
      throw StoreDocument.fatal(
        path, node.mark, "expected a mapping with a 'searches' list at the top of the file")
    }
    root = mapping
    switch mapping[Self.searchesKey] {
    case nil:
      entries = []
    case .scalar(let s) where s.style == .plain && ["", "~", "null"].contains(s.string):
      entries = []
    case .sequence(let sequence):
      entries = Array(sequence)
    case .some(let other):
      throw StoreDocument.fatal(path, other.mark, "expected 'searches' to be a list")
    }
  }

  private static func fatal(_ path: String, _ mark: Mark?, _ message: String) -> StoreProblem {
    StoreProblem(
      path: path, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message, isFatal: true)
  }

  /// The YAML text of the document as it now stands.
  func serialized() throws -> String {
    var mapping = root
    mapping[Self.searchesKey] = .sequence(Node.Sequence(entries))
    let text = try Yams.serialize(
      node: .mapping(mapping), indent: 2, width: -1, allowUnicode: true)
    return SequenceIndent.indentSearches(text, key: Self.searchesKey)
  }

  /// The index of the first entry named `name`.
  func index(of name: String) -> Int? {
    entries.firstIndex { $0.mapping?["name"]?.scalar?.string == name }
  }

  mutating func append(_ entry: Node) { entries.append(entry) }

  mutating func replace(at index: Int, with entry: Node) { entries[index] = entry }

  /// Removes every entry named `name`; returns how many there were.
  @discardableResult
  mutating func remove(name: String) -> Int {
    let before = entries.count
    entries.removeAll { $0.mapping?["name"]?.scalar?.string == name }
    return before - entries.count
  }
}
