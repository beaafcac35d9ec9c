import TerminalText

/// Turns a result table into text in one of the formats. One description of the output, many
/// printers; each writes into any `TextOutputStream`, so tests render into a `String`.
public enum Renderer {
  public static func render(
    _ table: ResultTable, as format: Format, options: RenderOptions,
    into out: inout some RenderSink
  ) {
    // A byte sink gets code made for it (no generic calls per cell): it is a class, so writing
    // through the cast writes into `out`.
    if var bytes = out as? ByteSink {
      renderFormat(table, as: format, options: options, into: &bytes)
      return
    }
    renderFormat(table, as: format, options: options, into: &out)
  }

  private static func renderFormat(
    _ table: ResultTable, as format: Format, options: RenderOptions,
    into out: inout some RenderSink
  ) {
    // On a terminal, untrusted text is made visible: cell by cell where the format adds nothing
    // that could be confused with an escape, over the whole text for TSV (whose own escapes use
    // backslashes), and JSON escapes by its own rules. Formats made for reading (table, markdown)
    // are escaped on a pipe too: a pipe often ends at a terminal (`| less -R`, `| cat`). Data
    // formats (tsv, csv, json, jsonl, ids) keep the exact text there, by their own rules.
    if options.terminal, format == .tsv || format == .ids {
      var text = ""
      render(table, as: format, options: RenderOptions(width: options.width), into: &text)
      out.write(Escaping.visibleKeepingLines(text))
      return
    }
    let forReading = format == .table || format == .markdown
    let table =
      forReading || (options.terminal && format != .json && format != .jsonl)
      ? table.escaped() : table
    switch format {
    case .table: TableRenderer(options: options).render(table, into: &out)
    case .tsv: DelimitedRenderer.tsv.render(table, into: &out)
    case .csv: DelimitedRenderer.csv.render(table, into: &out)
    case .json: JSONRenderer(lines: false).render(table, into: &out)
    case .jsonl: JSONRenderer(lines: true).render(table, into: &out)
    case .ids: renderIDs(table, into: &out)
    case .markdown: MarkdownRenderer().render(table, into: &out)
    }
  }

  /// Convenience for tests and small outputs.
  public static func render(
    _ table: ResultTable, as format: Format, options: RenderOptions = .plain
  )
    -> String
  {
    var s = ""
    render(table, as: format, options: options, into: &s)
    return s
  }

  /// `ids`: the `id` column, one a line; a count or facets print as in TSV without a header.
  static func renderIDs(_ table: ResultTable, into out: inout some RenderSink) {
    switch table {
    case .rows(let columns, let rows):
      let index = columns.firstIndex(of: "id") ?? 0
      guard index < rows.width else { return }
      rows.shared.withUnsafeBufferPointer { shared in
        for r in rows.indices {
          if case .shared(let range, let plain) = rows.content(r, index),
            plain
              || !ByteScan.mayNeedEscape(UnsafeBufferPointer(rebasing: shared[range]), 0x5C, 0x5C)
          {
            out.write(utf8: UnsafeBufferPointer(rebasing: shared[range]))
          } else {
            out.write(DelimitedRenderer.escapeTSV(rows.cell(r, index).plain()))
          }
          out.write("\n")
        }
      }
    case .count(let n): out.write("\(n)\n")
    case .facets(_, let rows), .facetTree(_, let rows, _):
      for row in rows { out.write("\(DelimitedRenderer.escapeTSV(row.value))\t\(row.count)\n") }
    case .crossTab(let table):
      for (a, b, n) in table.pairs {
        out.write(
          DelimitedRenderer.escapeTSV(a) + "\t" + DelimitedRenderer.escapeTSV(b) + "\t\(n)\n")
      }
    }
  }
}

extension Cell {
  /// Marked text made visible piece by piece, its marks moved to where the pieces now are.
  static func escapedMarked(_ text: String, _ ranges: [Range<Int>]) -> Cell {
    let chars = Array(text)
    var out = ""
    var count = 0
    var marks: [Range<Int>] = []
    var at = 0
    for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound })
    where range.lowerBound >= at && range.upperBound <= chars.count {
      let before = Escaping.visible(String(chars[at..<range.lowerBound]))
      let inside = Escaping.visible(String(chars[range]))
      out += before
      count += before.count
      marks.append(count..<count + inside.count)
      out += inside
      count += inside.count
      at = range.upperBound
    }
    out += Escaping.visible(String(chars[at...]))
    return .marked(out, marks)
  }
}

extension ResultTable {
  /// The table with control characters and escape sequences made visible in every text.
  func escaped() -> ResultTable {
    func fix(_ cell: Cell) -> Cell {
      switch cell {
      case .text(let s): return .text(Escaping.visible(s))
      case .list(let l): return .list(l.map(Escaping.visible))
      case .marked(let s, let ranges): return Cell.escapedMarked(s, ranges)
      default: return cell
      }
    }
    switch self {
    case .rows(let columns, let rows):
      var table = RowTable(rows.map { $0.map(fix) })
      table.details = rows.details?.map(fix)
      return .rows(columns: columns.map(Escaping.visible), rows: table)
    case .count: return self
    case .facets(let field, let rows):
      return .facets(field: Escaping.visible(field), rows: rows.map(\.escaped))
    case .facetTree(let field, let rows, let tree):
      return .facetTree(
        field: Escaping.visible(field), rows: rows.map(\.escaped), tree: tree.map(\.escaped))
    case .crossTab(var table):
      table.rowField = Escaping.visible(table.rowField)
      table.columnField = Escaping.visible(table.columnField)
      table.rowValues = table.rowValues.map(Escaping.visible)
      table.columnValues = table.columnValues.map(Escaping.visible)
      return .crossTab(table)
    }
  }

  /// Columns and rows of plain cells, for formats that treat every shape as a grid.
  var grid: (columns: [String], rows: RowTable) {
    switch self {
    case .rows(let columns, let rows): return (columns, rows)
    case .count(let n): return (["count"], [[.integer(n)]])
    case .facets(let field, let rows), .facetTree(let field, let rows, _):
      return ([field, "count"], RowTable(rows.map { [.text($0.value), .integer($0.count)] }))
    case .crossTab(let table):
      // The same grid as the table format draws; 0 where no entry has both values.
      let rows = zip(table.rowValues, table.counts).map { value, counts in
        [Cell.text(value)] + counts.map(Cell.integer)
      }
      return ([table.rowField] + table.columnValues, RowTable(rows))
    }
  }
}

extension FacetRow {
  var escaped: FacetRow { FacetRow(value: Escaping.visible(value), count: count) }
}
