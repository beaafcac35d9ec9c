import KnowledgeModel
import Testing

@testable import QueryEngine

struct FindCase: CustomTestStringConvertible, Sendable {
  var id: String
  var query: String
  var found: Set<String>
  var testDescription: String { id }
}

@Suite struct EvaluationTests {
  static let cases: [FindCase] = [
    .init(id: "tag", query: "tag:just-culture", found: ["p-just-culture"]),
    .init(id: "tags synonym", query: "tags:safety-culture", found: ["p-just-culture", "pr-cqi"]),
    .init(id: "tag alias", query: "tag:cir", found: ["pr-critical-incident-review"]),
    .init(
      id: "two tags AND", query: "tag:safety-culture tag:just-culture", found: ["p-just-culture"]),
    .init(
      id: "office root", query: "office:la-dcfs",
      found: ["p-just-culture", "pr-critical-incident-review", "l-lancaster-debrief", "pr-cqi"]),
    .init(
      id: "office segment", query: "office:lancaster",
      found: ["pr-critical-incident-review", "l-lancaster-debrief"]),
    .init(
      id: "office path", query: "office:la-dcfs/regional",
      found: ["pr-critical-incident-review", "l-lancaster-debrief"]),
    .init(
      id: "office prefix", query: "office:la-dcfs/reg*",
      found: ["pr-critical-incident-review", "l-lancaster-debrief"]),
    .init(id: "office alias", query: "offices:cqi", found: ["pr-cqi"]),
    .init(id: "office case", query: "office:LA-DCFS/CQI-Division", found: ["pr-cqi"]),
    .init(id: "outcome", query: "outcome:child-welfare", found: ["p-just-culture"]),
    .init(
      id: "outcomes segment", query: "outcomes:fatalities-and-near-fatalities",
      found: ["pr-critical-incident-review"]),
    .init(id: "kind", query: "kind:Principle", found: ["p-just-culture", "p-safety-science"]),
    .init(id: "id", query: "id:pr-cqi", found: ["pr-cqi"]),
    .init(id: "id prefix", query: "id:pr-*", found: ["pr-critical-incident-review", "pr-cqi"]),
    .init(id: "title", query: "title:culture", found: ["p-just-culture"]),
    .init(id: "body", query: "body:culture", found: ["p-just-culture", "p-safety-science"]),
    .init(id: "text synonym", query: "text:huddles", found: ["pr-cqi"]),
    .init(id: "source title", query: "source:dekker", found: ["p-just-culture"]),
    .init(id: "source url", query: "source:example", found: ["p-just-culture"]),
    .init(id: "date year", query: "date:2019", found: ["p-just-culture", "pr-cqi"]),
    .init(id: "date month", query: "date:2019-10", found: ["p-just-culture"]),
    .init(id: "date day", query: "date:2019-10-20", found: ["p-just-culture"]),
    .init(
      id: "date range", query: "date:2019..2020",
      found: ["p-just-culture", "l-lancaster-debrief", "pr-cqi"]),
    .init(id: "date open high", query: "date:..2019-12", found: ["p-just-culture", "pr-cqi"]),
    .init(id: "date open low", query: "year:2021..", found: ["pr-critical-incident-review"]),
    .init(
      id: "numbers as numbers", query: "priority:9..10",
      found: ["p-just-culture", "pr-critical-incident-review"]),
    .init(
      id: "number range open", query: "priority:10..",
      found: ["p-just-culture", "p-safety-science"]),
    .init(id: "extra exact", query: "status:ACTIVE", found: ["p-just-culture"]),
    .init(id: "extra list prefix", query: "status:arch*", found: ["pr-cqi"]),
    .init(id: "diacritics", query: "cafe", found: ["p-just-culture"]),
    .init(id: "case", query: "CAFÉ", found: ["p-just-culture"]),
    .init(
      id: "stemming", query: "reviews",
      found: [
        "p-just-culture", "pr-critical-incident-review", "l-lancaster-debrief", "p-safety-science",
      ]),
    .init(id: "phrase", query: #""critical incident""#, found: ["pr-critical-incident-review"]),
    .init(id: "phrase order", query: #""incident critical""#, found: []),
    .init(id: "hyphen", query: "well-being", found: ["p-just-culture"]),
    .init(id: "prefix", query: "incid*", found: ["pr-critical-incident-review"]),
    .init(id: "all", query: "*", found: Set(Fixture.entries.map(\.id))),
    .init(id: "empty is all", query: "", found: Set(Fixture.entries.map(\.id))),
    .init(
      id: "not alone", query: "NOT tag:safety-culture",
      found: [
        "pr-critical-incident-review", "l-lancaster-debrief", "p-safety-science", "z-a", "z-b",
      ]),
    .init(id: "minus", query: "kind:principle -tag:safety-science", found: ["p-just-culture"]),
    .init(
      id: "precedence", query: "tag:safety-culture kind:practice OR kind:lesson",
      found: ["pr-cqi", "l-lancaster-debrief"]),
    .init(
      id: "parens", query: "tag:safety-culture (kind:practice OR kind:lesson)", found: ["pr-cqi"]),
    .init(id: "quoted operator", query: #""and""#, found: []),
    .init(id: "unknown value finds nothing", query: "office:lancester", found: []),
  ]

  @Test(arguments: cases)
  func finds(_ c: FindCase) throws {
    #expect(Set(try Fixture.ids(c.query)) == c.found)
  }

  @Test func unknownFieldSuggests() {
    do {
      _ = try Fixture.searcher.run("ofice:lancaster")
      Issue.record("no error")
    } catch {
      #expect(
        error.rendered == """
          error: unknown field 'ofice'; did you mean 'office'?
            ofice:lancaster
            ^^^^^
          """)
    }
  }

  @Test func unknownValueWarns() throws {
    let result = try Fixture.searcher.run("office:lancester")
    #expect(
      result.warnings.map(\.description) == [
        "warning: no entry has office 'lancester'; did you mean 'lancaster'?"
      ])
    #expect(!result.found)
  }

  @Test func knownValuesDoNotWarn() throws {
    let result = try Fixture.searcher.run("office:lancaster tag:supervision office:cqi")
    #expect(result.warnings.isEmpty)
  }

  @Test(arguments: [
    (
      "date:2019-13",
      "error: '2019-13' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD\n  date:2019-13\n       ^^^^^^^"
    ),
    (
      "title:a..b",
      "error: full-text fields take words or phrases, not a range\n  title:a..b\n        ^^^^"
    ),
  ])
  func badValues(_ query: String, _ rendered: String) {
    do {
      _ = try Fixture.searcher.run(query)
      Issue.record("no error")
    } catch {
      #expect(error.rendered == rendered)
    }
  }

  @Test func engineRefusesLimits() {
    let long = String(repeating: "x", count: 10_001)
    #expect(throws: QueryError.self) { try Fixture.searcher.run(long) }
    let deep = String(repeating: "(", count: 101) + "x" + String(repeating: ")", count: 101)
    #expect(throws: QueryError.self) { try Fixture.searcher.run(deep) }
  }
}
