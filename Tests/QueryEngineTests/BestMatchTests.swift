import KnowledgeModel
import Rendering
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
    // A word made of function words is one (`what's`); `zebra's` is searched as `zebra`.
    ("? what's zebra's note", ["z-a", "z-b"]),
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
        supervisors → stem 'supervisor': 1 entry, idf 1.674, adds at most 1.4243
        review → word 'review': 4 entries, idf 0.5754, adds at most 0.915
        culture → stem 'cultur': 2 entries, idf 1.1632, adds at most 1.964
      dropped as function words: how, do
      then:
        keep the first 2
      score: the sum, over the words an entry has, of BM25F (a hit in the title counts 3×, in the summary 2×, in the body 1×; a synonym's hit counts half), plus a nearness bonus for neighbouring words of the query found within 8 words of each other (0.4 × the smaller idf ÷ their distance); ties by id
      top 2 only (MaxScore): 4 of 4 matching entries were looked at; the others had only words too weak to lift them into the top 2
        p-just-culture: 2.6394 = review 0.4453 + culture 1.964 + nearness 0.2301
        l-lancaster-debrief: 2.1439 = supervisors 1.4243 + review 0.4895 + nearness 0.2301
      total: 4 of 7 entries match
      """
    #expect(text == expected)
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

@Suite struct BestMatchRefinementTests {
  @Test func lastAfterABestMatchRefinesIt() throws {
    let first = try Fixture.searcher.run("? zebra huddles")
    let refined = try Fixture.searcher.run(
      "@last kind:practice", lastQuery: first.query.description)
    #expect(refined.query.description == "? zebra huddles kind:practice")
    guard case .entries(let hits, _) = refined.output else { return }
    #expect(hits.map { Fixture.entries[$0.entry].id } == ["pr-cqi"])
    let word = try Fixture.searcher.run("@last note", lastQuery: first.query.description)
    #expect(word.query.description == "? zebra huddles (note)")
    #expect(word.matched == 2)
  }
}
