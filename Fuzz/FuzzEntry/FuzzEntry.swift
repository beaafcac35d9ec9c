import KnowledgeModel

/// libFuzzer target: any bytes as one knowledge file (front matter and body), read both as a
/// curated and as a foreign entry, and as a vocabulary.yaml. Every outcome is an entry or a
/// diagnostic; a crash or hang is the bug.
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
  return 0
}
