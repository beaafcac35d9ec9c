import KnowledgeModel
import Testing

@testable import QueryEngine

/// The passage of an entry that best matches a query's words, with the matched words' places.
@Suite struct SnippetTests {
  static let filler = (1...30).map { "w\($0)" }.joined(separator: " ")
  static let entries = [
    Entry(
      id: "long", title: "A long entry", summary: "The summary says little.",
      body: filler + " the organisation reviewed its\n\nsafety culture here " + filler),
    Entry(id: "short", title: "Short", body: "Just culture, briefly."),
    Entry(id: "title", title: "Culture in the title", body: "Nothing about it below."),
  ]
  static let searcher = Searcher(
    KnowledgeBase(root: "", name: "s", vocabulary: nil, entries: entries))

  static func snippet(_ id: String, _ query: String) throws -> Snippet {
    let result = try searcher.run(query)
    let entry = entries.firstIndex { $0.id == id }!
    return searcher.snippet(for: entry, matching: result.matchedWords)
  }

  static func marked(_ s: Snippet) -> [String] {
    let chars = Array(s.text)
    return s.matches.map { String(chars[$0]) }
  }

  @Test func aPassageAroundTheHitsCutWithEllipses() throws {
    let s = try Self.snippet("long", "? safety culture organization")
    #expect(
      s.text
        == "… w29 w30 the organisation reviewed its safety culture here w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 …"
    )
    #expect(Self.marked(s) == ["organisation", "safety", "culture"])
  }

  @Test func aShortBodyIsWholeAndTheBodyWinsOverTheTitleOnEqualHits() throws {
    let s = try Self.snippet("short", "culture")
    #expect(s.text == "Just culture, briefly.")
    #expect(Self.marked(s) == ["culture"])
  }

  @Test func theTitleWhenOnlyItMatches() throws {
    let s = try Self.snippet("title", "culture")
    #expect(s.text == "Culture in the title")
    #expect(Self.marked(s) == ["Culture"])
  }

  @Test func withoutFullTextTheSummaryBegins() throws {
    let s = try Self.snippet("long", "id:long")
    #expect(s.text == "The summary says little.")
    #expect(s.matches.isEmpty)
  }

  @Test func prefixesMarkTheirWords() throws {
    let s = try Self.snippet("short", "brief*")
    #expect(Self.marked(s) == ["briefly"])
  }
}

@Suite struct HighlightTests {
  @Test func highlightsAnyText() throws {
    let words = try SnippetTests.searcher.run("? culture organisation").matchedWords
    let text = "Organizations: a just culture, cultures."
    let ranges = SnippetTests.searcher.highlights(in: text, matching: words)
    let chars = Array(text)
    #expect(ranges.map { String(chars[$0]) } == ["Organizations", "culture", "cultures"])
  }
}
