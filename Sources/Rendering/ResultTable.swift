/// One value in a result table.
public enum Cell: Hashable, Sendable {
  case text(String)
  case list([String])
  case integer(Int)
  case number(Double)
  /// Text with marked places (character offsets), such as a snippet's matched words: highlighted
  /// on a colour terminal, plain everywhere else.
  case marked(String, [Range<Int>])
  case null

  /// The value as one line of plain text (lists joined with `separator`).
  public func plain(separator: String = ", ") -> String {
    switch self {
    case .text(let s): return s
    case .list(let l): return l.joined(separator: separator)
    case .integer(let n): return String(n)
    case .number(let d): return Cell.format(d)
    case .marked(let s, _): return s
    case .null: return ""
    }
  }

  static func format(_ d: Double) -> String {
    if d.rounded() == d, abs(d) < 1e15 { return String(Int(d)) }
    var s = String(format4: d)
    while s.contains("."), s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s
  }
}

extension String {
  /// A number with four decimals, without Foundation.
  init(format4 d: Double) {
    let scaled = (d * 10_000).rounded()
    let negative = scaled < 0
    let magnitude = Int(abs(scaled))
    let whole = magnitude / 10_000
    let fraction = magnitude % 10_000
    let digits = String(fraction)
    self =
      (negative ? "-" : "") + "\(whole)." + String(repeating: "0", count: 4 - digits.count) + digits
  }
}

/// What a query produced, as plain values: a list of entries with named columns, a count, or
/// facet counts (`count by FIELD`).
public enum ResultTable: Hashable, Sendable {
  case rows(columns: [String], rows: RowTable)
  case count(Int)
  case facets(field: String, rows: [FacetRow])
  /// Facet counts of a field of paths: the rows as written for every format, and the tree (each
  /// path with its subtotal, parents before children) that the table format draws instead.
  case facetTree(field: String, rows: [FacetRow], tree: [FacetRow])
  /// `count by F1, F2`.
  case crossTab(CrossTab)

  /// How many rows the table has (1 for a count).
  public var size: Int {
    switch self {
    case .rows(_, let rows): return rows.count
    case .count: return 1
    case .facets(_, let rows), .facetTree(_, let rows, _): return rows.count
    case .crossTab(let table): return table.rowValues.count
    }
  }
}

/// One row of `count by FIELD`.
public struct FacetRow: Hashable, Sendable {
  public var value: String
  public var count: Int

  public init(value: String, count: Int) {
    self.value = value
    self.count = count
  }
}

/// A cross-tabulation: one field's values as rows, another's as columns, a count in each cell.
public struct CrossTab: Hashable, Sendable {
  public var rowField: String
  public var columnField: String
  public var rowValues: [String]
  public var columnValues: [String]
  /// `counts[r][c]`, 0 where no entry has both values.
  public var counts: [[Int]]

  public init(
    rowField: String, columnField: String, rowValues: [String], columnValues: [String],
    counts: [[Int]]
  ) {
    self.rowField = rowField
    self.columnField = columnField
    self.rowValues = rowValues
    self.columnValues = columnValues
    self.counts = counts
  }

  /// The pairs that occur, row by row: `(row value, column value, count)`.
  public var pairs: [(String, String, Int)] {
    var out: [(String, String, Int)] = []
    for (r, row) in counts.enumerated() {
      for (c, n) in row.enumerated() where n > 0 { out.append((rowValues[r], columnValues[c], n)) }
    }
    return out
  }
}
