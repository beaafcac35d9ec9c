@testable import SearchStore

/// libFuzzer target: any bytes as a saved-search store (searches.yaml): parsed, its searches
/// listed, and, when it parses, written back and parsed again (a rewrite must not lose searches).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzStore(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  guard let document = try? StoreDocument(text: text, path: "searches.yaml") else { return 0 }
  let (searches, problems) = document.searches()
  for problem in problems { _ = problem.description }
  guard let written = try? document.serialized() else { return 0 }
  guard let again = try? StoreDocument(text: written, path: "searches.yaml") else {
    fatalError("a rewritten store no longer parses:\n\(written)")
  }
  let reread = again.searches().searches
  if reread.map(\.name) != searches.map(\.name) {
    fatalError("a rewrite changed the searches: \(searches.map(\.name)) → \(reread.map(\.name))")
  }
  return 0
}
