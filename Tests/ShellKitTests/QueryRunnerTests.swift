import KnowledgeModel
import QueryEngine
import Rendering
import Testing

@testable import ShellKit

/// Result tables point into the index's listing for ids, kinds, dates and titles, and read other
/// columns from the entries: both must give the entry's own values.
@Suite struct QueryRunnerTests {
  static let long = String(repeating: "é", count: 40_000)
  static let kb = KnowledgeBase(
    root: "", name: "t", vocabulary: nil,
    entries: [
      Entry(
        id: "b-entry", title: "Beta", kind: "lesson", tags: ["x", "y"],
        date: PartialDate("2020-05"), body: "alpha"),
      Entry(id: "a-long", title: long, tags: ["x"], body: "alpha"),
      Entry(id: "c-tab", title: "Tab\there", kind: "practice", body: "alpha"),
    ])

  @Test func rowsHoldEachEntrysValues() throws {
    let runner = QueryRunner(searcher: Searcher(Self.kb))
    let table = try runner.run("alpha | fields id,kind,date,title,tag | sort id").table
    guard case .rows(let columns, let rows) = table else {
      Issue.record("expected rows, got \(table)")
      return
    }
    #expect(columns == ["id", "kind", "date", "title", "tag"])
    #expect(
      rows.map { Array($0) } == [
        [.text("a-long"), .null, .null, .text(Self.long), .list(["x"])],
        [.text("b-entry"), .text("lesson"), .text("2020-05"), .text("Beta"), .list(["x", "y"])],
        [.text("c-tab"), .text("practice"), .null, .text("Tab\there"), .list([])],
      ])
    #expect(
      Renderer.render(table, as: .tsv).split(separator: "\n").last
        == "c-tab\tpractice\t\tTab\\there\t")
  }
}
