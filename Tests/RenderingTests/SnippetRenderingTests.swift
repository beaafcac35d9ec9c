import Testing

@testable import Rendering

/// Snippets are marked cells: plain text in every format, escaped like every other cell, and in
/// a table on a colour terminal a line under each row with the matched words in bold.
@Suite struct SnippetRenderingTests {
  /// "… a just culture \e[31m review …" with "culture" marked.
  static let evil = Cell.marked("… a just culture \u{1B}[31m review …", [9..<16])
  static let table: ResultTable = {
    var rows = RowTable([[.text("p-1"), .text("Just culture"), evil]])
    rows.details = [evil]
    return .rows(columns: ["id", "title", "snippet"], rows: rows)
  }()

  @Test(arguments: [
    (
      Format.tsv,
      "id\ttitle\tsnippet\np-1\tJust culture\t… a just culture \u{1B}[31m review …\n"
    ),
    (
      .csv,
      "id,title,snippet\r\np-1,Just culture,… a just culture \u{1B}[31m review …\r\n"
    ),
    (
      .json,
      "[\n  {\"id\": \"p-1\", \"title\": \"Just culture\", \"snippet\": \"… a just culture \\u001b[31m review …\"}\n]\n"
    ),
    (
      .jsonl,
      "{\"id\": \"p-1\", \"title\": \"Just culture\", \"snippet\": \"… a just culture \\u001b[31m review …\"}\n"
    ),
    (.ids, "p-1\n"),
    (
      .markdown,
      "| id | title | snippet |\n|---|---|---|\n| p-1 | Just culture | … a just culture \\e[31m review … |\n"
    ),
    (
      .table,
      "id   title         snippet\np-1  Just culture  … a just culture \\e[31m review …\n"
        + "     … a just culture \\e[31m review …\n"
    ),
  ])
  func plainInEveryFormatInAPipe(_ format: Format, _ expected: String) {
    #expect(Renderer.render(Self.table, as: format, options: RenderOptions(width: 200)) == expected)
  }

  @Test(arguments: Format.allCases)
  func escapedInEveryFormatOnATerminal(_ format: Format) {
    let text = Renderer.render(
      Self.table, as: format, options: RenderOptions(width: 200, color: false, terminal: true))
    #expect(!text.contains("\u{1B}"), "\(format)")
  }

  @Test func theMatchedWordsAreBoldOnAColourTerminal() {
    let text = Renderer.render(
      Self.table, as: .table, options: RenderOptions(width: 200, color: true, terminal: true))
    let lines = text.split(separator: "\n").map(String.init)
    #expect(
      lines[2]
        == "     \u{1B}[2m… a just \u{1B}[0m\u{1B}[1mculture\u{1B}[0m\u{1B}[2m \\e[31m review …\u{1B}[0m"
    )
  }

  @Test func escapingMovesTheMarks() {
    let cell = Cell.escapedMarked("a\u{1B}b target\tc target", [4..<10, 13..<19])
    #expect(cell == .marked("a\\eb target\\tc target", [5..<11, 15..<21]))
  }

  @Test func aLongDetailIsCutToTheWidth() {
    var rows = RowTable([[.text("p"), .text("T")]])
    rows.details = [.marked(String(repeating: "word ", count: 40), [0..<4])]
    let text = Renderer.render(
      .rows(columns: ["id", "title"], rows: rows), as: .table, options: RenderOptions(width: 30))
    let detail = text.split(separator: "\n")[2]
    #expect(detail.count == 30)
    #expect(detail.hasPrefix("    word word"))
    #expect(detail.hasSuffix("…"))
  }
}
