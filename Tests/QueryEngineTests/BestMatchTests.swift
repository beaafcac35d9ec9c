import KnowledgeModel
import Testing

@testable import QueryEngine

/// Best-match queries (`? …`) over the fixture: optional words, function words, filters, NOT,
/// saved searches and stages.
@Suite struct BestMatchTests {
  @Test(arguments: [
    // Any of the words; more of them ranks higher.
    (
      "? supervisors reviewing culture",
      ["p-just-culture", "l-lancaster-debrief", "p-safety-science", "pr-critical-incident-review"]
    ),
    // Function words carry no weight; lower-case and/or/not are words.
    ("? how do we find zebra and not the huddles", ["pr-cqi", "z-a", "z-b"]),
    // Field terms, NOT and saved searches are filters.
    ("? kind:practice incidents culture huddles", ["pr-cqi", "pr-critical-incident-review"]),
    ("? culture -tag:just-culture", ["p-safety-science"]),
    ("? culture NOT tag:just-culture", ["p-safety-science"]),
    ("? @lan reviews psychological", ["l-lancaster-debrief", "pr-critical-incident-review"]),
    ("? (zebra) note", ["z-a", "z-b"]),
    // Only function words: then they count.
    ("? the", ["p-safety-science", "pr-critical-incident-review"]),
    // Stages.
    ("? zebra huddles | limit 2", ["pr-cqi", "z-a"]),
    ("? zebra huddles | sort id desc", ["z-b", "z-a", "pr-cqi"]),
    ("? kind:lesson", ["l-lancaster-debrief"]),
  ])
  func bestMatch(_ query: String, _ expected: [String]) throws {
    let found = try Fixture.ids(query)
    #expect(found == expected, "\(found)")
  }

  @Test func countAndCountBy() throws {
    let result = try Fixture.searcher.run("? zebra huddles | count")
    #expect(result.output == .count(3))
    let rows = try Fixture.searcher.run("? zebra huddles | count by kind")
    #expect(rows.output == .facets(field: .kind, rows: [FacetRow(value: "practice", count: 1)]))
  }

  @Test func theCanonicalTextKeepsFiltersAsGroups() throws {
    let result = try Fixture.searcher.run(
      "? how do we find zebra @words(note) | limit 1", savedSearches: Fixture.saved)
    #expect(result.query.description == "? how do we find zebra (note) | limit 1")
  }

  @Test func explainShowsWordsDroppedWordsAndScores() throws {
    let text = try Fixture.searcher.explain("? how do supervisors review culture | limit 2")
    let expected = """
      query: ? how do supervisors review culture | limit 2
      read as: ? how do supervisors review culture | limit 2
      best match: entries with any of these words, ranked:
        supervisors → stem 'supervisor': 1 entry
        review → word 'review': 4 entries
        culture → stem 'cultur': 2 entries
      dropped as function words: how, do
      then:
        keep the first 2
      """
    #expect(text.hasPrefix(expected), "\(text)")
    #expect(text.contains("top 2 only: words that cannot lift an entry into them are skipped"))
    #expect(text.contains("  l-lancaster-debrief: "))
    #expect(text.hasSuffix("total: 4 of 7 entries match"))
  }

  @Test func aWordNoEntryHasIsRespelt() throws {
    let result = try Fixture.searcher.run("? psycological")
    #expect(
      result.warnings.map(\.message) == [
        "no entry has 'psycological'; searching for 'psychological'"
      ])
    #expect(result.found)
  }

  @Test(arguments: ["?", "? | limit 3", "?    "])
  func anEmptyBestMatchIsEveryEntry(_ query: String) throws {
    #expect(try Fixture.searcher.run(query).matched == 7)
  }

  @Test func upperCaseOperatorsStillWork() throws {
    #expect(try Fixture.ids("? (zebra OR huddles) AND note") == ["z-a", "z-b"])
  }
}
