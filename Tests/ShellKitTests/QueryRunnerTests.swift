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

/// A ranked query's table has each entry's snippet under its row; `fields` decides the columns.
@Suite struct SnippetRowsTests {
  static let runner = QueryRunner(
    searcher: Searcher(
      KnowledgeBase(
        root: "", name: "t", vocabulary: nil,
        entries: [
          Entry(id: "a", title: "Alpha", body: "The review found a safety gap."),
          Entry(id: "b", title: "Beta", body: "Nothing."),
        ])))

  @Test func rankedTablesHaveSnippets() throws {
    guard case .rows(_, let rows) = try Self.runner.run("review", snippets: true).table else {
      Issue.record("no rows")
      return
    }
    #expect(rows.details == [.marked("The review found a safety gap.", [4..<10])])
  }

  @Test(arguments: ["review | fields id,title", "id:a", "* | sort id"])
  func otherTablesHaveNone(_ query: String) throws {
    guard case .rows(_, let rows) = try Self.runner.run(query, snippets: true).table else {
      Issue.record("no rows")
      return
    }
    #expect(rows.details == nil)
  }

  @Test func theSnippetColumn() throws {
    let table = try Self.runner.run("? safety | fields id,snippet").table
    #expect(Renderer.render(table, as: .tsv) == "id\tsnippet\na\tThe review found a safety gap.\n")
  }
}
