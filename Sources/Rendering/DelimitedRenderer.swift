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
    // Cell by cell into the sink: no joined row strings on the way.
    for row in rows {
      for (i, cell) in row.enumerated() {
        if i > 0 { out.write(separator) }
        switch cell {
        case .text(let s): out.write(escape(s))
        case .null: break
        default: out.write(escape(cell.plain(separator: listSeparator)))
        }
      }
      out.write(lineEnd)
    }
  }

  static func escapeTSV(_ s: String) -> String {
    guard contains(s, { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return s }
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
    guard contains(s, { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
    else { return s }
    var out = "\""
    for scalar in s.unicodeScalars {
      if scalar == "\"" { out += "\"\"" } else { out.unicodeScalars.append(scalar) }
    }
    return out + "\""
  }

  /// Whether any UTF-8 byte of `s` matches: over the contiguous bytes when the string has them
  /// (a plain loop the compiler vectorises), else byte by byte.
  @inline(__always)
  static func contains(_ s: String, _ matches: (UInt8) -> Bool) -> Bool {
    if let found = s.utf8.withContiguousStorageIfAvailable({ bytes in
      for b in bytes where matches(b) { return true }
      return false
    }) {
      return found
    }
    return s.utf8.contains(where: matches)
  }
}
