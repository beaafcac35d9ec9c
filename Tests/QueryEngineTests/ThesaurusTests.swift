import KnowledgeModel
import Testing

@testable import QueryEngine

/// Synonym groups and aliases in full text: expansion, ranking, explanation.
@Suite struct ThesaurusTests {
  static let vocabulary: Vocabulary = {
    var v = Vocabulary(name: "thesaurus")
    v.add(
      Term(value: "high-reliability", label: "HRO", description: "", aliases: ["hro"]), to: .tag)
    v.synonyms = [
      SynonymGroup(members: ["root cause analysis", "RCA", "RCA2"]),
      SynonymGroup(members: ["caseworker", "social worker"]),
      SynonymGroup(members: ["near miss", "close call"]),
    ]
    return v
  }()

  static let entries = [
    Entry(id: "rca-written", title: "Notes", body: "An RCA of the event."),
    Entry(id: "rca-long", title: "Notes", body: "A root cause analysis of the event."),
    Entry(id: "rca2", title: "Notes", body: "RCA2 of the event."),
    Entry(id: "caseworker", title: "Notes", body: "The caseworker visited."),
    Entry(id: "social", title: "Notes", body: "The social worker visited."),
    Entry(id: "near", title: "Notes", body: "A near miss was reported."),
    Entry(id: "close", title: "Notes", body: "A close call was reported."),
    Entry(id: "tagged", title: "Notes", tags: ["high-reliability"], body: "Mindful teams."),
    Entry(id: "cause", title: "Notes", body: "The cause of the analysis was the root."),
  ]
  static let searcher = Searcher(
    KnowledgeBase(root: "", name: "t", vocabulary: vocabulary, entries: entries))

  static func ids(_ query: String) throws -> [String] {
    let result = try searcher.run(query)
    guard case .entries(let hits, _) = result.output else { return [] }
    return hits.map { entries[$0.entry].id }
  }

  @Test(arguments: [
    ("RCA", ["rca-written", "rca2", "rca-long"]),
    ("rca2", ["rca2", "rca-written", "rca-long"]),
    ("\"root cause analysis\"", ["rca-long", "rca2", "rca-written"]),
    ("caseworker", ["caseworker", "social"]),
    ("\"social worker\"", ["social", "caseworker"]),
    ("\"near miss\"", ["near", "close"]),
    ("\"close call\"", ["close", "near"]),
    ("HRO", ["tagged"]),
    // Not members: no expansion.
    ("\"root cause\"", ["rca-long"]),
    ("social", ["social"]),
    ("\"near miss was\"", ["near"]),
  ])
  func aMemberFindsItsGroupAndTheWrittenFormRanksFirst(_ query: String, _ expected: [String])
    throws
  {
    #expect(try Self.ids(query) == expected)
  }

  @Test func explainShowsTheExpansion() throws {
    let text = try Self.searcher.explain("RCA HRO")
    #expect(
      text.contains(
        "RCA → stem 'rca', or synonyms 'root cause analysis', 'RCA2': 3 entries"), "\(text)")
    #expect(
      text.contains("HRO → stem 'hro', or entries with tag:high-reliability (alias): 1 entry"))
  }

  @Test func bestMatchExpandsToo() throws {
    #expect(try Self.ids("? what is a close call | limit 1") == ["close"])
    #expect(Set(try Self.ids("? what is a close call")) == ["close", "near"])
  }
}
