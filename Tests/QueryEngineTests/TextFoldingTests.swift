import KnowledgeModel
import Rendering
import TestSupport
import Testing

@testable import QueryEngine

@Suite struct TextFoldingTests {
  /// The ASCII fast path and the general path agree on every ASCII text: every character,
  /// controls and all, is cut as the general path cuts it.
  @Test func asciiFastPathAgreesWithTheGeneralPath() {
    var g = SeededGenerator(state: 5)
    let alphabet = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) }
    var folding = TextFolding()
    for _ in 0..<2_000 {
      let length = Int.random(in: 0..<60, using: &g)
      let text = String((0..<length).map { _ in alphabet.randomElement(using: &g)! })
      #expect(folding.words(text) == folding.scalarWords(text), "\(text.debugDescription)")
    }
  }

  /// The check for ASCII, eight bytes at a time, finds a byte of 0x80 or more wherever it is.
  @Test func theASCIICheckFindsAByteOutsideASCIIAnywhere() {
    var g = SeededGenerator(state: 6)
    for _ in 0..<5_000 {
      var bytes = (0..<Int.random(in: 0..<40, using: &g)).map { _ in
        UInt8.random(in: 0..<0x80, using: &g)
      }
      if !bytes.isEmpty, Bool.random(using: &g) {
        bytes[Int.random(in: 0..<bytes.count, using: &g)] = UInt8.random(in: 0x80...0xFF, using: &g)
      }
      let got = bytes.withUnsafeBufferPointer { TextFolding.isASCII($0) }
      #expect(got == bytes.allSatisfy { $0 < 0x80 }, "\(bytes)")
    }
  }

  @Test func foldsCaseAndDiacritics() {
    var folding = TextFolding()
    #expect(
      folding.words("Café, NAÏVE well-being 2019") == ["cafe", "naive", "well", "being", "2019"])
    #expect(folding.words("Safety-II and BM25") == ["safety", "ii", "and", "bm25"])
  }
}

@Suite struct CountByCaseTests {
  /// `count by` treats values that differ only in letter case as one value, whether it counts
  /// through the postings (many hits) or through the hits' own values (few hits).
  @Test(arguments: [1, 200])
  func valuesDifferingInCaseAreOneValue(others: Int) throws {
    var entries = [
      Entry(id: "a", title: "A", tags: ["Supervision"]),
      Entry(id: "b", title: "B", tags: ["supervision", "x"]),
    ]
    for n in 0..<others { entries.append(Entry(id: "o\(n)", title: "O", tags: ["other-\(n % 7)"])) }
    let kb = KnowledgeBase(root: "kb", name: "kb", vocabulary: nil, entries: entries)
    let searcher = Searcher(kb)
    for query in ["tag:supervision | count by tag", "* | count by tag"] {
      guard case .facets(_, let rows) = try searcher.run(query).output else {
        Issue.record("no facets for \(query)")
        continue
      }
      #expect(rows.contains(FacetRow(value: "Supervision", count: 2)), "\(query)")
      #expect(!rows.contains { $0.value == "supervision" }, "\(query)")
    }
  }
}
