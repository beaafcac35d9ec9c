import TerminalText

/// JSON: an array of objects (`[]` when empty), or JSON Lines, one object a line. Keys are the
/// column names; lists are arrays, numbers are numbers, missing values are null. A count is
/// `{"count": N}`; facets are objects `{"value": V, "count": N}`; a cross-tabulation is one object
/// for each pair that occurs, `{F1: V1, F2: V2, "count": N}`.
struct JSONRenderer {
  var lines: Bool

  func render(_ table: ResultTable, into out: inout some RenderSink) {
    let keys: [String]
    let rows: RowTable
    switch table {
    case .rows(let columns, let table):
      (keys, rows) = (columns, table)
    case .count(let n):
      out.write(Self.object([("count", .integer(n))]) + "\n")
      return
    case .facets(_, let facets), .facetTree(_, let facets, _):
      keys = ["value", "count"]
      rows = RowTable(facets.map { [.text($0.value), .integer($0.count)] })
    case .crossTab(let table):
      keys = [table.rowField, table.columnField, "count"]
      rows = RowTable(table.pairs.map { [.text($0.0), .text($0.1), .integer($0.2)] })
    }
    if rows.isEmpty {
      if !lines { out.write("[]\n") }
      return
    }
    let keyTexts = keys.map { Self.string($0) + ": " }
    if !lines { out.write("[\n") }
    rows.shared.withUnsafeBufferPointer { shared in
      for r in rows.indices {
        out.write(lines ? "{" : "  {")
        for c in 0..<min(rows.width, keyTexts.count) {
          if c > 0 { out.write(", ") }
          out.write(keyTexts[c])
          switch rows.content(r, c) {
          case .shared(let range, let plain):
            let bytes = UnsafeBufferPointer(rebasing: shared[range])
            if plain || !ByteScan.mayNeedEscape(bytes, 0x22, 0x5C, ascii: true) {
              out.write("\"")
              out.write(utf8: bytes)
              out.write("\"")
            } else {
              out.write(Self.string(String(decoding: bytes, as: UTF8.self)))
            }
          case .cell(let cell):
            out.write(Self.value(cell))
          }
        }
        out.write(lines || r + 1 == rows.count ? "}\n" : "},\n")
      }
    }
    if !lines { out.write("]\n") }
  }

  static func object(_ pairs: [(String, Cell)]) -> String {
    "{" + pairs.map { string($0.0) + ": " + value($0.1) }.joined(separator: ", ") + "}"
  }

  static func value(_ cell: Cell) -> String {
    switch cell {
    case .text(let s), .marked(let s, _): return string(s)
    case .list(let l): return "[" + l.map(string).joined(separator: ", ") + "]"
    case .integer(let n): return String(n)
    case .number(let d): return d.isFinite ? Cell.format(d) : "null"
    case .null: return "null"
    }
  }

  /// A JSON string literal: quotes, backslashes and control characters escaped; the
  /// bidirectional controls escaped too, so that a terminal never acts on them.
  static func string(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if Escaping.needsEscape(scalar) {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
