/// A GitHub-flavoured Markdown table; pipes and line breaks in cells are escaped.
struct MarkdownRenderer {
  func render(_ table: ResultTable, into out: inout some RenderSink) {
    let (columns, rows) = table.grid
    out.write("| " + columns.map(Self.cell).joined(separator: " | ") + " |\n")
    out.write("|" + columns.map { _ in "---|" }.joined() + "\n")
    for row in rows {
      out.write("| " + row.map { Self.cell($0.plain()) }.joined(separator: " | ") + " |\n")
    }
  }

  static func cell(_ s: String) -> String {
    var out = ""
    for ch in s {
      switch ch {
      case "|": out += "\\|"
      case "\n", "\r\n", "\r": out += "<br>"
      default: out.append(ch)
      }
    }
    return out
  }
}
