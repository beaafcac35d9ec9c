@testable import SearchStore

/// libFuzzer target: any bytes as a saved-search store (searches.yaml): parsed, its searches
/// listed, and, when it parses, written back and parsed again.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzStore(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  guard let document = try? StoreDocument(text: text, path: "searches.yaml") else { return 0 }
  let problems = document.searches().problems
  for problem in problems { _ = problem.description }
  guard let written = try? document.serialized() else { return 0 }
  // A rewrite that does not read back with the same searches is refused by PersonalStore (found
  // by this target: a tag on a key is dropped); here it must at least not crash.
  if let again = try? StoreDocument(text: written, path: "searches.yaml") {
    _ = again.searches()
  }
  return 0
}
