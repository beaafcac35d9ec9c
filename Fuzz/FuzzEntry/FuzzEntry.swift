@testable import KnowledgeModel

/// libFuzzer target: any bytes as one knowledge file (front matter and body), read both as a
/// curated and as a foreign entry, and as a vocabulary.yaml. Every outcome is an entry or a
/// diagnostic; a crash or hang is the bug. The bytes are also read as YAML both by the reader of
/// plain front matter and by the composer: when the first takes them, the two trees must be the
/// same, or the target stops.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzEntry(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  for curated in [true, false] {
    let result = EntryParser(curated: curated).parse(
      bytes: bytes, path: "fuzz/entry.md", displayPath: "kb/fuzz/entry.md")
    for diagnostic in result.diagnostics { _ = diagnostic.description }
  }
  let (vocabulary, diagnostics) = VocabularyReader.read(
    text: String(decoding: bytes, as: UTF8.self), displayPath: "kb/vocabulary.yaml")
  _ = vocabulary?.name
  for diagnostic in diagnostics { _ = diagnostic.description }
  // The whole text (as a vocabulary is read) and the front matter (as an entry's is).
  let whole = FrontMatter.normalise(String(decoding: bytes, as: UTF8.self))
  let front = (try? FrontMatter.split(whole))?.yaml
  for yaml in [whole, front].compactMap({ $0 }) {
    var text = yaml
    let at = { (line: Int, column: Int) in SourceLocation(path: "f", line: line, column: column) }
    if let flat = text.withUTF8({ FlatYAML.tree($0, at: at) }) {
      let composed = try? YAMLComposer(at: at, budget: YAMLTree.nodeBudget).compose(yaml)
      guard let tree = composed, tree == flat else {
        fatalError("the plain reader and the composer differ on \(yaml.debugDescription)")
      }
    }
  }
  return 0
}
