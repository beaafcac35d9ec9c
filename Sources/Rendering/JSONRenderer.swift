import TerminalText

/// JSON: an array of objects (`[]` when empty), or JSON Lines, one object a line. Keys are the
/// column names; lists are arrays, numbers are numbers, missing values are null. A count is
/// `{"count": N}`; facets are objects `{"value": V, "count": N}`.
struct JSONRenderer {
  var lines: Bool

  func render(_ table: ResultTable, into out: inout some TextOutputStream) {
    var objects: [[(String, Cell)]] = []
    switch table {
    case .rows(let columns, let rows):
      objects = rows.map { row in Array(zip(columns, row)) }
    case .count(let n):
      objects = [[("count", .integer(n))]]
    case .facets(let field, let rows):
      objects = rows.map { [("value", .text($0.value)), ("count", .integer($0.count))] }
      _ = field
    }
    if lines {
      for object in objects { out.write(Self.object(object) + "\n") }
    } else if case .count = table {
      out.write(Self.object(objects[0]) + "\n")
    } else if objects.isEmpty {
      out.write("[]\n")
    } else {
      out.write("[\n")
      for (i, object) in objects.enumerated() {
        out.write("  " + Self.object(object) + (i + 1 < objects.count ? ",\n" : "\n"))
      }
      out.write("]\n")
    }
  }

  static func object(_ pairs: [(String, Cell)]) -> String {
    "{" + pairs.map { string($0.0) + ": " + value($0.1) }.joined(separator: ", ") + "}"
  }

  static func value(_ cell: Cell) -> String {
    switch cell {
    case .text(let s): return string(s)
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
