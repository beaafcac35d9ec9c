import Testing

@testable import QueryEngine

@Suite struct TextFoldingTests {
  /// The ASCII fast path and the general path agree on every ASCII text.
  @Test func asciiFastPathAgreesWithTheGeneralPath() {
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("abcXYZ019 -_.,;:!?'\"()[]/\\\t\n")
    var folding = TextFolding()
    for _ in 0..<500 {
      let length = Int.random(in: 0..<60, using: &generator)
      let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
      #expect(folding.words(text) == folding.scalarWords(text), "\(text.debugDescription)")
    }
  }

  @Test func foldsCaseAndDiacritics() {
    var folding = TextFolding()
    #expect(
      folding.words("Café, NAÏVE well-being 2019") == ["cafe", "naive", "well", "being", "2019"])
    #expect(folding.words("Safety-II and BM25") == ["safety", "ii", "and", "bm25"])
  }
}
