/// A YAML node reduced to what the knowledge format needs, with the place each node was written.
/// Scalars keep the author's text: no booleans, numbers or dates are guessed.
public indirect enum YAMLTree: Sendable, Equatable {
  case scalar(String, SourceLocation)
  case sequence([YAMLTree], SourceLocation)
  case mapping([(key: String, keyLocation: SourceLocation, value: YAMLTree)], SourceLocation)
  case null(SourceLocation)

  public static func == (a: YAMLTree, b: YAMLTree) -> Bool {
    switch (a, b) {
    case (.scalar(let x, let l), .scalar(let y, let m)): return x == y && l == m
    case (.sequence(let x, let l), .sequence(let y, let m)): return x == y && l == m
    case (.null(let l), .null(let m)): return l == m
    case (.mapping(let x, let l), .mapping(let y, let m)):
      return l == m && x.count == y.count
        && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    default: return false
    }
  }

  public var location: SourceLocation {
    switch self {
    case .scalar(_, let l), .sequence(_, let l), .mapping(_, let l), .null(let l): return l
    }
  }

  /// A problem reading YAML, at a place in the file.
  public struct ParseError: Error, Sendable, Equatable {
    public var location: SourceLocation
    public var message: String
  }

  /// Most nodes one document may expand to (guards against alias bombs).
  public static let nodeBudget = 200_000
  /// Deepest nesting accepted.
  public static let depthLimit = 64

  /// Parses YAML text that starts at `firstLine` of the file at `path`.
  public static func parse(_ yaml: String, path: String, firstLine: Int) throws(ParseError)
    -> YAMLTree?
  {
    let at = { (line: Int, column: Int) in
      SourceLocation(path: path, line: line + firstLine - 1, column: column)
    }
    var text = yaml
    if let flat = text.withUTF8({ FlatYAML.tree($0, at: at) }) { return flat }
    if let (line, column) = nestingProblem(yaml) {
      throw ParseError(
        location: SourceLocation(path: path, line: line + firstLine - 1, column: column),
        message: "front matter is nested too deeply (more than \(depthLimit) levels)")
    }
    let composer = YAMLComposer(at: at, budget: nodeBudget)
    do {
      return try composer.compose(yaml)
    } catch {
      switch error {
      case .problem(let problem): throw problem
      case .tooLarge(let root):
        throw ParseError(
          location: root,
          message: "front matter expands to more than \(nodeBudget) values (an alias bomb?)")
      }
    }
  }

  /// Finds flow or block nesting deeper than `depthLimit` before it is composed (what reads a
  /// tree recurses into it): the first flow nesting too deep, else the first line indented too
  /// deeply. Walks the UTF-8 bytes once (every byte that matters is ASCII, and no multi-byte
  /// sequence contains one), counting columns in Unicode scalars as libyaml does.
  private static func nestingProblem(_ yaml: String) -> (Int, Int)? {
    var yaml = yaml
    return yaml.withUTF8 { bytes -> (Int, Int)? in
      var depth = 0
      var line = 1
      var column = 0
      var inQuote: UInt8? = nil
      // Block nesting: indentation (spaces, and the `-` and `?` indicators that open a nested
      // sequence or key on the same line) deeper than the limit allows.
      var indent = 0
      var inIndent = true
      var tooIndented: Int? = nil
      for byte in bytes {
        if inIndent {
          if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "?") {
            indent += 1
            if indent > depthLimit * 4, tooIndented == nil { tooIndented = line }
          } else {
            inIndent = false
          }
        }
        if byte & 0xC0 != 0x80 { column += 1 }
        if byte == UInt8(ascii: "\n") {
          line += 1
          column = 0
          inQuote = nil
          indent = 0
          inIndent = true
          continue
        }
        if let q = inQuote {
          if byte == q { inQuote = nil }
          continue
        }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"): inQuote = byte
        case UInt8(ascii: "["), UInt8(ascii: "{"):
          depth += 1
          if depth > depthLimit { return (line, column) }
        case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
        default: break
        }
      }
      return tooIndented.map { ($0, 1) }
    }
  }
}
