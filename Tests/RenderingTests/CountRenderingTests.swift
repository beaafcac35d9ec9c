import Testing

@testable import Rendering

/// Timelines, trees and cross-tabulations in every format.
@Suite struct CountRenderingTests {
  static let crossTab = ResultTable.crossTab(
    CrossTab(
      rowField: "kind", columnField: "year", rowValues: ["lesson", "practice"],
      columnValues: ["2016", "2017", "2018"], counts: [[2, 0, 1], [0, 0, 12]]))

  @Test(arguments: [
    (
      Format.table,
      "kind      2016  2017  2018\nlesson       2           1\npractice                12\n"
    ),
    (Format.tsv, "kind\t2016\t2017\t2018\nlesson\t2\t0\t1\npractice\t0\t0\t12\n"),
    (Format.csv, "kind,2016,2017,2018\r\nlesson,2,0,1\r\npractice,0,0,12\r\n"),
    (
      Format.markdown,
      "| kind | 2016 | 2017 | 2018 |\n|---|---|---|---|\n| lesson | 2 | 0 | 1 |\n| practice | 0 | 0 | 12 |\n"
    ),
    (
      Format.json,
      """
      [
        {"kind": "lesson", "year": "2016", "count": 2},
        {"kind": "lesson", "year": "2018", "count": 1},
        {"kind": "practice", "year": "2018", "count": 12}
      ]

      """
    ),
    (
      Format.jsonl,
      """
      {"kind": "lesson", "year": "2016", "count": 2}
      {"kind": "lesson", "year": "2018", "count": 1}
      {"kind": "practice", "year": "2018", "count": 12}

      """
    ),
    (Format.ids, "lesson\t2016\t2\nlesson\t2018\t1\npractice\t2018\t12\n"),
  ])
  func crossTabInEveryFormat(_ format: Format, _ expected: String) {
    #expect(Renderer.render(Self.crossTab, as: format) == expected)
  }

  @Test func crossTabWithNoPairs() {
    let empty = ResultTable.crossTab(
      CrossTab(rowField: "kind", columnField: "tag", rowValues: [], columnValues: [], counts: []))
    #expect(Renderer.render(empty, as: .json) == "[]\n")
    #expect(Renderer.render(empty, as: .tsv) == "kind\n")
  }

  @Test func crossTabValuesAreEscapedForReading() {
    let hostile = ResultTable.crossTab(
      CrossTab(
        rowField: "tag", columnField: "kind", rowValues: ["a\u{1B}[2Jb"], columnValues: ["x|y"],
        counts: [[1]]))
    #expect(!Renderer.render(hostile, as: .table).contains("\u{1B}"))
    #expect(Renderer.render(hostile, as: .markdown).contains("x\\|y"))
  }

  @Test func timelineBarsOnATerminalLeaveEmptyPeriodsBlank() {
    let timeline = ResultTable.facets(
      field: "year",
      rows: [
        FacetRow(value: "2016", count: 4), FacetRow(value: "2017", count: 0),
        FacetRow(value: "2018", count: 2),
      ])
    let out = Renderer.render(
      timeline, as: .table, options: RenderOptions(width: 30, terminal: true))
    #expect(
      out
        == "year  count\n2016      4  " + String(repeating: "█", count: 17)
        + "\n2017      0\n2018      2  "
        + String(repeating: "█", count: 8) + "\n")
  }

  @Test func treeIsIndentedInTheTableAndFlatElsewhere() {
    let table = ResultTable.facetTree(
      field: "office",
      rows: [FacetRow(value: "a/b", count: 2), FacetRow(value: "c", count: 1)],
      tree: [
        FacetRow(value: "a", count: 2), FacetRow(value: "a/b", count: 2),
        FacetRow(value: "c", count: 1),
      ])
    #expect(
      Renderer.render(table, as: .table)
        == "office  count\na           2\n  b         2\nc           1\n")
    #expect(Renderer.render(table, as: .tsv) == "office\tcount\na/b\t2\nc\t1\n")
    #expect(
      Renderer.render(table, as: .jsonl)
        == "{\"value\": \"a/b\", \"count\": 2}\n{\"value\": \"c\", \"count\": 1}\n")
  }
}
