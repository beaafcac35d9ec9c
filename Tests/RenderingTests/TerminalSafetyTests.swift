import TerminalText
import Testing

@testable import Rendering

/// Untrusted text with escape sequences, carriage returns, backspaces and bidirectional overrides,
/// through every format, on a terminal and through a pipe. Formats made for reading (table,
/// markdown, the entry view) always show it escaped; data formats show it escaped on a terminal
/// and keep it exact, by their own rules, on a pipe.
@Suite struct TerminalSafetyTests {
  struct Hostile: Sendable, CustomTestStringConvertible {
    var name: String
    var raw: String
    /// How `Escaping.visible` shows it.
    var visible: String
    /// As a JSON string's contents.
    var json: String
    var testDescription: String { name }
  }

  static let hostile: [Hostile] = [
    Hostile(
      name: "CSI colour", raw: "a\u{1B}[31mred", visible: "a\\e[31mred", json: "a\\u001b[31mred"),
    Hostile(
      name: "OSC window title", raw: "\u{1B}]0;pwned\u{07}t", visible: "\\e]0;pwned\\at",
      json: "\\u001b]0;pwned\\u0007t"),
    Hostile(
      name: "OSC 8 hyperlink", raw: "\u{1B}]8;;http://x\u{1B}\\link",
      visible: "\\e]8;;http://x\\e\\link",
      json: "\\u001b]8;;http://x\\u001b\\\\link"),
    Hostile(
      name: "carriage return", raw: "safe\rEVIL", visible: "safe\\rEVIL", json: "safe\\rEVIL"),
    Hostile(
      name: "backspace", raw: "ok\u{08}\u{08}no", visible: "ok\\b\\bno", json: "ok\\u0008\\u0008no"),
    Hostile(
      name: "right-to-left override", raw: "txt\u{202E}fdp.exe", visible: "txt\\u{202E}fdp.exe",
      json: "txt\\u202efdp.exe"),
    Hostile(name: "C1 CSI", raw: "x\u{9B}2Jy", visible: "x\\u{9B}2Jy", json: "x\\u009b2Jy"),
  ]

  static func table(_ text: String) -> ResultTable {
    .rows(columns: ["id", "title", "tags"], rows: [[.text("e"), .text(text), .list([text])]])
  }

  static let terminal = RenderOptions(width: 200, color: false, terminal: true)

  @Test(arguments: hostile, Format.allCases)
  func terminalOutputNeverCarriesTheRawText(_ h: Hostile, _ format: Format) {
    let out = Renderer.render(Self.table(h.raw), as: format, options: Self.terminal)
    #expect(!out.contains(h.raw))
    #expect(
      out.unicodeScalars.allSatisfy {
        !Escaping.needsEscape($0) || $0 == "\n" || $0 == "\t" || ($0 == "\r" && format == .csv)
      })
  }

  @Test(arguments: hostile, [Format.table, .markdown])
  func formatsForReadingAreEscapedOnAPipeToo(_ h: Hostile, _ format: Format) {
    let out = Renderer.render(Self.table(h.raw), as: format, options: .plain)
    #expect(out.contains(h.visible))
    #expect(!out.contains(h.raw))
  }

  @Test(arguments: hostile)
  func jsonEscapesByItsOwnRules(_ h: Hostile) {
    for options in [RenderOptions.plain, Self.terminal] {
      let out = Renderer.render(Self.table(h.raw), as: .jsonl, options: options)
      #expect(out == "{\"id\": \"e\", \"title\": \"\(h.json)\", \"tags\": [\"\(h.json)\"]}\n")
    }
  }

  @Test func tsvOnAPipeKeepsTheTextButEscapesItsSeparators() {
    let out = Renderer.render(Self.table("a\u{1B}[31m\tb\r\nc\\"), as: .tsv, options: .plain)
    #expect(out == "id\ttitle\ttags\ne\ta\u{1B}[31m\\tb\\r\\nc\\\\\ta\u{1B}[31m\\tb\\r\\nc\\\\\n")
  }

  @Test func csvOnAPipeQuotesByRFC4180() {
    let out = Renderer.render(Self.table("a\u{1B}]0;t\u{07}\r\"b"), as: .csv, options: .plain)
    #expect(
      out == "id,title,tags\r\ne,\"a\u{1B}]0;t\u{07}\r\"\"b\",\"a\u{1B}]0;t\u{07}\r\"\"b\"\r\n")
  }

  @Test func idsOnAPipeCannotBeSplitByANewline() {
    let out = Renderer.render(
      .rows(columns: ["id"], rows: [[.text("a\nb")], [.text("c")]]), as: .ids, options: .plain)
    #expect(out == "a\\nb\nc\n")
  }

  @Test func facetValuesAreEscapedOnATerminal() {
    let out = Renderer.render(
      .facets(field: "tag", rows: [FacetRow(value: "t\u{1B}[2J", count: 1)]), as: .table,
      options: Self.terminal)
    #expect(out.contains("t\\e[2J"))
    #expect(!out.contains("\u{1B}[2J"))
  }

  static let view = EntryView(
    id: "e\u{1B}[1m", title: "T\u{1B}]0;x\u{07}", fields: [("owner", .text("o\r\u{202E}"))],
    summary: "s\u{08}", body: "line one\n\u{1B}[2Jline two\tend\n",
    sources: [EntryView.Source(title: "src\u{1B}[5m", url: "http://x/\u{1B}]8;;")],
    related: [EntryView.Related(id: "r\u{1B}", title: nil)], path: "p\u{1B}.md")

  @Test(arguments: [RenderOptions.plain, terminal])
  func entryViewIsAlwaysEscaped(_ options: RenderOptions) {
    let out = EntryViewRenderer.render(Self.view, as: .text, options: options)
    #expect(out.unicodeScalars.allSatisfy { !Escaping.needsEscape($0) || $0 == "\n" || $0 == "\t" })
    #expect(out.contains("T\\e]0;x\\a"))
    #expect(out.contains("o\\r\\u{202E}"))
    #expect(out.contains("\\e[2Jline two"))
    #expect(out.contains("src\\e[5m"))
  }

  @Test func entryViewAsJSONEscapesByItsOwnRules() {
    let out = EntryViewRenderer.render(Self.view, as: .json, options: .plain)
    #expect(!out.unicodeScalars.contains { Escaping.needsEscape($0) && $0 != "\n" })
    #expect(out.contains("T\\u001b]0;x\\u0007"))
  }
}
