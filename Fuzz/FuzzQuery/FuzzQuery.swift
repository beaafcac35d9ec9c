import KnowledgeModel
import QueryEngine
import TestSupport

/// libFuzzer target: any bytes as a query over the small fixture knowledge base, run and
/// explained (with snippets, and a suggestion when it finds nothing), with two saved searches so that `@name` expansion is reached too. A thrown
/// `QueryError` is the expected outcome for most inputs; a crash or hang is the bug.
let searcher: Searcher = {
  guard let kb = try? Loader.load(FixturePaths.smallKB) else {
    fatalError("cannot load the fixture knowledge base at \(FixturePaths.smallKB)")
  }
  return Searcher(kb)
}()

let saved = SavedSearchList([
  "lancaster": "office:lancaster",
  "recent": "date>=2020 $1 | limit 3",
])

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzQuery(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  do {
    let result = try searcher.run(text, savedSearches: saved, lastQuery: "culture")
    if case .entries(let hits, let columns) = result.output {
      for hit in hits.prefix(5) {
        _ = searcher.cells(for: hit, columns: columns)
        _ = searcher.snippet(for: hit.entry, matching: result.matchedWords)
      }
    }
    if !result.found { _ = searcher.suggestion(for: text, savedSearches: saved) }
    _ = try searcher.explain(text, savedSearches: saved)
  } catch {
    _ = error.rendered
  }
  return 0
}
