import TerminalText
import Testing

@testable import Rendering

@Suite struct RendererTests {
  let table = ResultTable.rows(
    columns: ["id", "kind", "date", "title", "tags"],
    rows: [
      [
        .text("just-culture"), .text("principle"), .text("2019"), .text("Just culture, fairly"),
        .list(["a", "b"]),
      ],
      [.text("tab"), .null, .null, .text("Quote \" and\ttab\nline"), .list([])],
    ])

  @Test func tsvHasAHeaderAndEscapesSeparators() {
    #expect(
      Renderer.render(table, as: .tsv) == """
        id\tkind\tdate\ttitle\ttags
        just-culture\tprinciple\t2019\tJust culture, fairly\ta,b
        tab\t\t\tQuote " and\\ttab\\nline\t

        """)
  }

  /// Escaping works on UTF-8 bytes: characters of several bytes pass through untouched.
  @Test func escapingKeepsMultiByteCharacters() {
    #expect(DelimitedRenderer.escapeTSV("café\t東京\\é\r\n👩‍⚕️") == "café\\t東京\\\\é\\r\\n👩‍⚕️")
    #expect(DelimitedRenderer.quoteCSV("東京, \"café\"") == "\"東京, \"\"café\"\"\"")
    #expect(DelimitedRenderer.escapeTSV("東京") == "東京")
  }

  @Test func csvFollowsRFC4180() {
    #expect(
      Renderer.render(table, as: .csv)
        == "id,kind,date,title,tags\r\njust-culture,principle,2019,\"Just culture, fairly\",a; b\r\ntab,,,\"Quote \"\" and\ttab\nline\",\r\n"
    )
  }

  @Test func jsonIsAnArrayOfObjects() {
    #expect(
      Renderer.render(table, as: .json) == """
        [
          {"id": "just-culture", "kind": "principle", "date": "2019", "title": "Just culture, fairly", "tags": ["a", "b"]},
          {"id": "tab", "kind": null, "date": null, "title": "Quote \\" and\\ttab\\nline", "tags": []}
        ]

        """)
    #expect(Renderer.render(.rows(columns: ["id"], rows: []), as: .json) == "[]\n")
    #expect(Renderer.render(.rows(columns: ["id"], rows: []), as: .jsonl) == "")
  }

  @Test func jsonEscapesControlAndBidiCharacters() {
    let evil = ResultTable.rows(columns: ["title"], rows: [[.text("a\u{1B}]0;x\u{7}\u{202E}")]])
    #expect(Renderer.render(evil, as: .jsonl) == "{\"title\": \"a\\u001b]0;x\\u0007\\u202e\"}\n")
  }

  @Test func idsPrintsOneIdALine() {
    #expect(Renderer.render(table, as: .ids) == "just-culture\ntab\n")
  }

  @Test func countAndFacetsHaveTheirOwnShapes() {
    #expect(Renderer.render(.count(42), as: .tsv) == "count\n42\n")
    #expect(Renderer.render(.count(42), as: .json) == "{\"count\": 42}\n")
    #expect(Renderer.render(.count(42), as: .table) == "42\n")
    let facets = ResultTable.facets(
      field: "tag", rows: [FacetRow(value: "x", count: 3), FacetRow(value: "y", count: 1)])
    #expect(Renderer.render(facets, as: .tsv) == "tag\tcount\nx\t3\ny\t1\n")
    #expect(
      Renderer.render(facets, as: .jsonl)
        == "{\"value\": \"x\", \"count\": 3}\n{\"value\": \"y\", \"count\": 1}\n")
    #expect(Renderer.render(facets, as: .table) == "tag  count\nx        3\ny        1\n")
  }

  @Test func terminalFacetsDrawBars() {
    let facets = ResultTable.facets(
      field: "tag", rows: [FacetRow(value: "x", count: 4), FacetRow(value: "y", count: 2)])
    let out = Renderer.render(facets, as: .table, options: RenderOptions(width: 30, terminal: true))
    #expect(out == "tag  count\nx        4  ██████████████████\ny        2  █████████\n")
  }

  @Test func tableFitsTheWidthAndCutsLongCells() {
    let long = ResultTable.rows(
      columns: ["id", "title"], rows: [[.text("a"), .text("A very long title that will not fit")]])
    #expect(
      Renderer.render(long, as: .table, options: RenderOptions(width: 20))
        == "id  title\na   A very long tit…\n")
  }

  @Test func tableShrinksLongColumnsInProportion() {
    let t = ResultTable.rows(
      columns: ["id", "title"],
      rows: [[.text(String(repeating: "i", count: 40)), .text(String(repeating: "t", count: 60))]])
    let out = Renderer.render(t, as: .table, options: RenderOptions(width: 52))
    // 50 columns of cells for 100 of text: above their floor of 12, each gives up room in
    // proportion (to 22 and 28 columns).
    #expect(
      out == "id" + String(repeating: " ", count: 22) + "title\n"
        + String(repeating: "i", count: 21)
        + "…  " + String(repeating: "t", count: 27) + "…\n")
  }

  @Test func tableAlignsWideCharacters() {
    let wide = ResultTable.rows(
      columns: ["title", "id"], rows: [[.text("東京"), .text("a")], [.text("ab"), .text("b")]])
    #expect(Renderer.render(wide, as: .table) == "title  id\n東京   a\nab     b\n")
  }

  @Test func tableWithEmojiLinesUp() {
    let emoji = ResultTable.rows(
      columns: ["title", "id"],
      rows: [
        [.text("🚀 Launch review"), .text("a")], [.text("✅ Done"), .text("b")],
        [.text("plain"), .text("c")], [.text("東京 ✔️"), .text("d")],
      ])
    let text = Renderer.render(emoji, as: .table)
    let lines = text.split(separator: "\n").map(String.init)
    // Every id stands in the same column: the titles before it take the same width.
    let idColumns = lines.dropFirst().map { DisplayWidth.of(String($0.dropLast())) }
    #expect(Set(idColumns).count == 1, "\(text)")
    #expect(lines[1] == "🚀 Launch review  a")
  }

  @Test func terminalOutputEscapesUntrustedText() {
    let evil = ResultTable.rows(columns: ["title"], rows: [[.text("x\u{1B}[2Jy")]])
    #expect(
      Renderer.render(evil, as: .tsv, options: RenderOptions(terminal: true)) == "title\nx\\e[2Jy\n"
    )
    #expect(
      Renderer.render(evil, as: .csv, options: RenderOptions(terminal: true))
        == "title\r\nx\\e[2Jy\r\n")
    #expect(
      Renderer.render(evil, as: .table, options: RenderOptions(terminal: true))
        == "title\nx\\e[2Jy\n(1 row)\n")
  }

  @Test func markdownEscapesPipes() {
    let t = ResultTable.rows(columns: ["title"], rows: [[.text("a | b")]])
    #expect(Renderer.render(t, as: .markdown) == "| title |\n|---|\n| a \\| b |\n")
  }
}

@Suite struct EntryViewTests {
  let view = EntryView(
    id: "just-culture", title: "Just culture",
    fields: [
      ("kind", .text("principle")), ("tags", .list(["just-culture", "safety-culture"])),
      ("date", .null),
    ],
    summary: "Fair accountability.",
    body: "## Why\n\nPeople make errors; systems\nshape them.\n\n- console\n- coach\n",
    sources: [EntryView.Source(title: "A source", url: "https://example.org", date: "2020")],
    related: [
      EntryView.Related(id: "x", title: "X entry"), EntryView.Related(id: "gone", title: nil),
    ],
    path: "principles/just-culture.md")

  @Test func textViewListsMetadataBodySourcesAndRelated() {
    #expect(
      EntryViewRenderer.render(view, as: .text, options: RenderOptions(width: 40)) == """
        Just culture
        id    just-culture
        kind  principle
        tags  just-culture, safety-culture

        Fair accountability.

        Why

        People make errors; systems shape them.

        • console
        • coach

        Sources
        1. A source (2020)
           https://example.org

        Related
        - X entry [x]
        - (no entry has this id) [gone]

        """)
  }

  @Test func wrapsToTheWidth() {
    let lines = Wrapper.wrap("one two three four five", width: 10)
    #expect(lines == ["one two", "three four", "five"])
  }

  @Test func jsonViewIsOneObject() {
    let json = EntryViewRenderer.render(view, as: .json, options: .plain)
    #expect(
      json.hasPrefix(
        "{\n  \"id\": \"just-culture\",\n  \"title\": \"Just culture\",\n  \"kind\": \"principle\",\n  \"tags\": [\"just-culture\", \"safety-culture\"],\n  \"date\": null,"
      ))
    #expect(
      json.contains(
        "\"related\": [{\"id\": \"x\", \"title\": \"X entry\"}, {\"id\": \"gone\", \"title\": null}]"
      ))
  }
}
