/// TSV and CSV. Both have a header row. TSV escapes backslash, tab, newline and carriage return
/// as `\\`, `\t`, `\n`, `\r` (as PostgreSQL's text format does); CSV follows RFC 4180: CRLF line
/// ends, fields with a comma, quote or line break quoted, quotes doubled. List values are joined
/// with `,` in TSV and `; ` in CSV.
struct DelimitedRenderer: Sendable {
  let separator: String
  let lineEnd: String
  let listSeparator: String
  let escape: @Sendable (String) -> String

  static let tsv = DelimitedRenderer(
    separator: "\t", lineEnd: "\n", listSeparator: ",", escape: DelimitedRenderer.escapeTSV)
  static let csv = DelimitedRenderer(
    separator: ",", lineEnd: "\r\n", listSeparator: "; ", escape: DelimitedRenderer.quoteCSV)

  func render(_ table: ResultTable, into out: inout some TextOutputStream) {
    let (columns, rows) = table.grid
    out.write(columns.map(escape).joined(separator: separator) + lineEnd)
    for row in rows {
      out.write(
        row.map { escape($0.plain(separator: listSeparator)) }.joined(separator: separator)
          + lineEnd)
    }
  }

  static func escapeTSV(_ s: String) -> String {
    guard
      s.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
    else { return s }
    var out = ""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case "\t": out += "\\t"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  static func quoteCSV(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
    else { return s }
    var out = "\""
    for scalar in s.unicodeScalars {
      if scalar == "\"" { out += "\"\"" } else { out.unicodeScalars.append(scalar) }
    }
    return out + "\""
  }
}
