import KnowledgeModel
import Rendering
import Testing

@testable import QueryEngine

@Suite struct RankingAndStageTests {
  @Test func titleHitBeatsBodyHit() throws {
    #expect(try Fixture.ids("safety").first == "p-safety-science")
    let culture = try Fixture.ids("culture")
    #expect(culture.first == "p-just-culture")
  }

  @Test func tiesGoById() throws {
    #expect(try Fixture.ids("zebra") == ["z-a", "z-b"])
  }

  @Test func withoutFullTextOrderIsTitleThenId() throws {
    #expect(
      try Fixture.ids("* | limit 3") == ["pr-cqi", "pr-critical-incident-review", "p-just-culture"])
    #expect(try Fixture.ids("id:z*") == ["z-a", "z-b"])
  }

  @Test func scoresOnlyWithPositiveText() throws {
    let ranked = try Fixture.searcher.run("culture")
    guard case .entries(let hits, _) = ranked.output else { return }
    #expect(hits.allSatisfy { $0.score != nil })
    let plain = try Fixture.searcher.run("tag:safety-culture -culture")
    guard case .entries(let plainHits, _) = plain.output else { return }
    #expect(plainHits.allSatisfy { $0.score == nil })
  }

  @Test func sortDateDescendingPutsUndatedLast() throws {
    let ids = try Fixture.ids("kind:principle OR kind:practice | sort date")
    #expect(ids == ["pr-critical-incident-review", "p-just-culture", "pr-cqi", "p-safety-science"])
    let asc = try Fixture.ids("kind:principle OR kind:practice | sort date asc")
    #expect(asc == ["pr-cqi", "p-just-culture", "pr-critical-incident-review", "p-safety-science"])
  }

  @Test func sortOtherFields() throws {
    #expect(
      try Fixture.ids("priority:* | sort priority") == [
        "pr-critical-incident-review", "p-just-culture", "p-safety-science",
      ])
    #expect(
      try Fixture.ids("kind:principle | sort id desc") == ["p-safety-science", "p-just-culture"])
    #expect(try Fixture.ids("kind:* | sort kind | limit 2") == ["l-lancaster-debrief", "pr-cqi"])
  }

  @Test func limitAndCount() throws {
    #expect(try Fixture.ids("* | limit 0") == [])
    #expect(try Fixture.ids("* | limit 99999999999999999999").count == 7)
    let counted = try Fixture.searcher.run("kind:practice | count")
    #expect(counted.output == .count(2))
  }

  @Test func countBy() throws {
    let result = try Fixture.searcher.run("office:la-dcfs | count by tag")
    #expect(
      result.output
        == .facets(
          field: .tag,
          rows: [
            FacetRow(value: "safety-culture", count: 2),
            FacetRow(value: "critical-incident-review", count: 1),
            FacetRow(value: "just-culture", count: 1),
            FacetRow(value: "psychological-safety", count: 1),
          ]))
    let limited = try Fixture.searcher.run("| count by kind | limit 1")
    #expect(limited.output == .facets(field: .kind, rows: [FacetRow(value: "practice", count: 2)]))
  }

  @Test func fieldsChooseColumns() throws {
    let result = try Fixture.searcher.run("id:pr-cqi | fields id, tags,status")
    guard case .entries(let hits, let columns) = result.output else { return }
    #expect(columns == [.id, .tag, .extra("status")])
    #expect(
      Fixture.searcher.cells(for: hits[0], columns: columns) == [
        "pr-cqi", "safety-culture", "retired, archived",
      ])
    let plain = try Fixture.searcher.run("id:pr-cqi")
    #expect(plain.output == .entries(hits: [Hit(entry: 4)], columns: [.id, .kind, .date, .title]))
  }

  @Test(arguments: [
    (
      "* | sort tag",
      "error: cannot sort by 'tag': an entry can have several values\n  * | sort tag\n           ^^^"
    ),
    (
      "* | sort titel",
      "error: unknown field 'titel'; did you mean 'title'?\n  * | sort titel\n           ^^^^^"
    ),
    (
      "* | count | limit 1",
      "error: no stage can follow 'count'\n  * | count | limit 1\n                    ^"
    ),
    (
      "* | fields id,nope",
      "error: unknown field 'nope'\n  * | fields id,nope\n                ^^^^"
    ),
  ])
  func stageErrors(_ query: String, _ rendered: String) {
    do {
      _ = try Fixture.searcher.run(query)
      Issue.record("no error")
    } catch {
      #expect(error.rendered == rendered)
    }
  }

  @Test func explainSaysHowItWasRead() throws {
    let text = try Fixture.searcher.explain("office:lancaster reviews | limit 1")
    #expect(text.contains("office:lancaster → la-dcfs/regional/lancaster (and below): 2 entries"))
    #expect(text.contains("reviews → stem 'review': 4 entries"))
    #expect(text.contains("keep the first 1"))
    #expect(text.contains("total: 2 of 7 entries match"))
    let alias = try Fixture.searcher.explain("office:cqi")
    #expect(alias.contains("office:cqi → la-dcfs/cqi-division (alias)"))
  }
}
