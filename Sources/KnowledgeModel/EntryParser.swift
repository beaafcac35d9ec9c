/// Turns one Markdown file into an entry. Problems are reported, never thrown: a file with a
/// problem still loads when enough of it can be read.
public struct EntryParser: Sendable {
  /// The result of reading one file: the entry (nil when the file could not be read at all) and
  /// every problem found on the way.
  public struct Result: Sendable {
    public var entry: Entry?
    public var diagnostics: [Diagnostic]
  }

  /// Whether the knowledge base declares a vocabulary: a curated base is held to its format
  /// (a missing title is an error), a foreign folder is not (a warning).
  public var curated: Bool
  /// Whether entries keep where each key and value was written (about 1.5 KB an entry at the
  /// bundled entries' size). Only `check`'s messages point at them, and `check` reads the file of
  /// an entry with a problem again for them (`KnowledgeBase.places(of:)`) rather than keep them
  /// for every entry; tests keep them.
  public var locations: Bool
  /// Whether entries keep their bodies. `check` needs only to know whether each is blank, and
  /// at 100,000 entries the bodies are about 150 MB.
  public var bodies: Bool

  public init(curated: Bool, locations: Bool = true, bodies: Bool = true) {
    self.curated = curated
    self.locations = locations
    self.bodies = bodies
  }

  /// Reads the file at `path` (relative to the knowledge base root, as shown in messages) from
  /// its raw bytes.
  public func parse(bytes: [UInt8], path: String, displayPath: String) -> Result {
    let start = SourceLocation(path: displayPath)
    // The standard library's validation is fast; the slow walk only locates a known problem.
    let decoded = String(validating: bytes, as: UTF8.self)
    if decoded == nil, let (line, column, byte) = Self.firstInvalidUTF8(bytes) {
      return Result(
        entry: nil,
        diagnostics: [
          .error(
            SourceLocation(path: displayPath, line: line, column: column),
            "file is not valid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true)))")
        ])
    }
    if let nul = bytes.firstIndex(of: 0) {
      let (line, column) = Self.position(of: nul, in: bytes)
      return Result(
        entry: nil,
        diagnostics: [
          .error(
            SourceLocation(path: displayPath, line: line, column: column),
            "file contains a NUL byte")
        ])
    }
    let text = FrontMatter.normalise(decoded ?? String(decoding: bytes, as: UTF8.self))
    let split: FrontMatter
    do {
      split = try FrontMatter.split(text)
    } catch {
      return Result(
        entry: nil,
        diagnostics: [
          .error(
            start,
            "front matter opened with '---' is never closed (expected '---' or '...' on a line of its own)"
          )
        ])
    }
    var diagnostics: [Diagnostic] = []
    var pairs: [(key: String, keyLocation: SourceLocation, value: YAMLTree)] = []
    if let yaml = split.yaml {
      do {
        switch try YAMLTree.parse(yaml, path: displayPath, firstLine: split.yamlLine) {
        case .mapping(let p, _): pairs = p
        case .none, .null: break
        case .some(let other):
          return Result(
            entry: nil,
            diagnostics: [
              .error(other.location, "front matter must be a mapping of keys to values")
            ])
        }
      } catch {
        return Result(entry: nil, diagnostics: [.error(error.location, error.message)])
      }
    }
    var reader = FieldReader(path: displayPath, diagnostics: [])
    reader.keepsPlaces = locations
    var entry = reader.entry(
      from: pairs, split: split, filePath: path, displayPath: displayPath, curated: curated)
    if !bodies { entry.storedBody = .omitted(blank: entry.body.allSatisfy(\.isWhitespace)) }
    diagnostics += reader.diagnostics
    return Result(entry: entry, diagnostics: diagnostics)
  }

  /// The first byte that breaks UTF-8, with its line and column.
  static func firstInvalidUTF8(_ bytes: [UInt8]) -> (Int, Int, UInt8)? {
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    var offset = 0
    var scalarStart = 0
    loop: while true {
      scalarStart = offset
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        offset += UTF8.width(scalar)
      case .emptyInput:
        break loop
      case .error:
        let (line, column) = position(of: scalarStart, in: bytes)
        return (line, column, bytes[scalarStart])
      }
    }
    return nil
  }

  /// Line and column (in characters of valid text before it) of a byte offset.
  static func position(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
    var line = 1
    var lineStart = 0
    for i in 0..<offset where bytes[i] == UInt8(ascii: "\n") {
      line += 1
      lineStart = i + 1
    }
    let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1
    return (line, column)
  }
}
