import KnowledgeModel
import Testing

@testable import QueryEngine

/// No dead ends: a query that finds nothing gets the nearest query that finds something.
@Suite struct SuggestionTests {
  @Test(arguments: [
    ("psycological", "psychological", 1, QuerySuggestion.Kind.spelling),
    ("psycological safety", "psychological safety", 1, .spelling),
    ("\"psycological safety\"", "\"psychological safety\"", 1, .spelling),
    ("office:lancester", "office:lancaster", 2, .value),
    ("tag:supervison kind:lesson", "tag:supervision kind:lesson", 0, .value),
    ("zebra huddles", "? zebra huddles", 3, .bestMatch),
    ("zebra huddles | limit 1", "? zebra huddles | limit 1", 3, .bestMatch),
    ("supervisers culture", "? supervisors culture", 3, .bestMatch),
  ])
  func suggestsTheNearestQueryThatFindsSomething(
    _ query: String, _ suggested: String, _ count: Int, _ kind: QuerySuggestion.Kind
  ) {
    let suggestion = Fixture.searcher.suggestion(for: query)
    if count == 0 {
      #expect(suggestion == nil)
    } else {
      #expect(suggestion == QuerySuggestion(query: suggested, count: count, kind: kind))
    }
  }

  @Test(arguments: ["culture", "zzzzzz", "qqq wwwwww", "tag:", "NOT *"])
  func noSuggestionForQueriesThatFindSomethingOrNothingNear(_ query: String) {
    #expect(Fixture.searcher.suggestion(for: query) == nil)
  }

  @Test func describesItself() {
    #expect(
      QuerySuggestion(query: "psychological safety", count: 9, kind: .spelling).description
        == "did you mean 'psychological safety'? (9 entries)")
    #expect(
      QuerySuggestion(query: "? staff after a death", count: 1, kind: .bestMatch).description
        == "no entry has all of these words; '? staff after a death' finds 1 entry")
  }

  @Test(arguments: [
    ("psycological", "psychological"), ("supervison", "supervisors"), ("culure", "culture"),
    ("xyz", nil), ("culture", nil), ("zebr", "zebra"),
  ])
  func respellsFromTheIndexWords(_ word: String, _ expected: String?) {
    #expect(Fixture.searcher.spellingCorrection(for: word) == expected)
  }
}
