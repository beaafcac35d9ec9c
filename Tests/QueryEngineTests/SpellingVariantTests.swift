import KnowledgeModel
import Testing

@testable import QueryEngine

/// US and British spellings fold to one form before stemming, in the index and in queries.
@Suite struct SpellingVariantTests {
  @Test(arguments: [
    ("organisation", "organization"), ("organisations", "organizations"),
    ("behaviour", "behavior"), ("behavioural", "behavioral"), ("recognise", "recognize"),
    ("recognising", "recognizing"), ("programme", "program"), ("programmes", "programs"),
    ("analyse", "analyze"), ("centre", "center"), ("judgement", "judgment"),
    ("defence", "defense"), ("colour", "color"), ("prioritise", "prioritize"),
  ])
  func variantsFoldToAmerican(_ variant: String, _ american: String) {
    #expect(SpellingVariants.american(variant) == american)
    #expect(SpellingVariants.fold(variant) == american)
  }

  @Test(arguments: [
    "organization", "behavior", "program", "center", "safety", "a", "", "zzzz", "aaa", "zzzzzzzzz",
    "child", "review",
  ])
  func otherWordsStayAsTheyAre(_ word: String) {
    #expect(SpellingVariants.american(word) == nil)
    #expect(SpellingVariants.fold(word) == word)
  }

  static let entries = [
    Entry(id: "uk", title: "A learning organisation", body: "Behaviour and the programme centre."),
    Entry(id: "us", title: "Organizational behavior", body: "A program analyzed at the center."),
    Entry(id: "other", title: "Something else", body: "Nothing to see."),
  ]
  static let searcher = Searcher(
    KnowledgeBase(root: "", name: "variants", vocabulary: nil, entries: entries))

  static func ids(_ query: String) throws -> [String] {
    let result = try searcher.run(query + " | sort id")
    guard case .entries(let hits, _) = result.output else { return [] }
    return hits.map { entries[$0.entry].id }
  }

  @Test(arguments: [
    ("organization", ["uk"]), ("organisation", ["uk"]),
    ("behavior", ["uk", "us"]), ("behaviour", ["uk", "us"]), ("program", ["uk", "us"]),
    ("programme", ["uk", "us"]), ("centre", ["uk", "us"]), ("\"learning organization\"", ["uk"]),
    ("\"learning organisation\"", ["uk"]), ("title:organisational", ["us"]),
    ("analyse", ["us"]),
  ])
  func bothSpellingsFindBoth(_ query: String, _ expected: [String]) throws {
    #expect(try Self.ids(query) == expected)
  }

  @Test func explainShowsTheFolding() throws {
    let text = try Self.searcher.explain("behaviour \"learning organisation\"")
    #expect(
      text.contains("behaviour → stem 'behavior' (spelling: behaviour → behavior): 2 entries"))
    #expect(
      text.contains(
        "\"learning organisation\" → phrase 'learn' 'organ' (spelling: organisation → organization): 1 entry"
      ))
  }
}
