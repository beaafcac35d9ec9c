import TerminalText

/// Aligned columns fitted to the terminal width; cells too long for their column are cut with
/// `…`. Wide characters are measured by display width. On a terminal, `count by` draws a bar for
/// each row.
struct TableRenderer {
  var options: RenderOptions
  var style: Emphasis { Emphasis(enabled: options.color) }

  static let gap = 2

  func render(_ table: ResultTable, into out: inout some RenderSink) {
    switch table {
    case .count(let n):
      out.write("\(n)\n")
    case .rows(_, let rows) where rows.isEmpty:
      out.write("(no matching entries)\n")
    case .rows(let columns, let rows):
      grid(
        columns, rows.map { $0.map { $0.plain() } }, rightAligned: [], details: rows.details,
        into: &out)
      if options.terminal {
        out.write(style.dim("(\(rows.count) \(rows.count == 1 ? "row" : "rows"))") + "\n")
      }
    case .facets(let field, let rows):
      facets(field, rows, into: &out)
    case .facetTree(let field, _, let tree):
      // Each path as its last segment, indented two spaces a level below its parent.
      let rows = tree.map { row in
        let segments = row.value.split(separator: "/", omittingEmptySubsequences: false)
        let label = String(repeating: "  ", count: segments.count - 1) + segments.last!
        return FacetRow(value: label, count: row.count)
      }
      facets(field, rows, into: &out)
    case .crossTab(let table):
      // psql's \crosstabview: the first field down, the second across, blank where no entry has
      // both values.
      let rows = zip(table.rowValues, table.counts).map { value, counts in
        [value] + counts.map { $0 == 0 ? "" : String($0) }
      }
      grid(
        [table.rowField] + table.columnValues, rows,
        rightAligned: Set(1...max(1, table.columnValues.count)), into: &out)
    }
  }

  func grid(
    _ columns: [String], _ rows: [[String]], rightAligned: Set<Int>, details: [Cell]? = nil,
    into out: inout some RenderSink
  ) {
    let widths = Self.fit(columns: columns, rows: rows, width: options.width)
    let header = columns.enumerated().map { i, c in
      DisplayWidth.pad(DisplayWidth.truncate(c, to: widths[i]), to: widths[i])
    }
    out.write(trimmed(style.bold(header.joined(separator: spacer))) + "\n")
    for (row, cellsOfRow) in rows.enumerated() {
      let cells = cellsOfRow.enumerated().map { i, text -> String in
        let cut = DisplayWidth.truncate(Self.oneLine(text), to: widths[i])
        if rightAligned.contains(i) {
          return String(repeating: " ", count: widths[i] - DisplayWidth.of(cut)) + cut
        }
        return DisplayWidth.pad(cut, to: widths[i])
      }
      out.write(trimmed(cells.joined(separator: spacer)) + "\n")
      if let details, row < details.count { detail(details[row], columns, widths, into: &out) }
    }
  }

  /// A line under a row (a snippet), starting under the title column when that leaves room
  /// (else indented by four), cut to the width, its marked words in bold on a colour terminal.
  func detail(
    _ cell: Cell, _ columns: [String], _ widths: [Int], into out: inout some RenderSink
  ) {
    // Under the title when that leaves room for a passage (60 columns), else a short indent.
    let title = columns.firstIndex(of: "title") ?? 0
    let underTitle = widths.prefix(title).reduce(0) { $0 + $1 + Self.gap }
    let indent = options.width - underTitle >= 60 ? max(2, underTitle) : 4
    let text = Self.oneLine(cell.plain())
    guard !text.isEmpty else { return }
    let cut = DisplayWidth.truncate(text, to: max(10, options.width - indent))
    var line = ""
    if case .marked(_, let ranges) = cell, style.enabled {
      let chars = Array(cut)
      var at = 0
      for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where r.lowerBound >= at {
        let lower = min(r.lowerBound, chars.count)
        let upper = min(r.upperBound, chars.count)
        line += style.dim(String(chars[at..<lower])) + style.bold(String(chars[lower..<upper]))
        at = upper
      }
      line += style.dim(String(chars[at...]))
    } else {
      line = cut
    }
    out.write(String(repeating: " ", count: indent) + line + "\n")
  }

  private var spacer: String { String(repeating: " ", count: Self.gap) }

  private func trimmed(_ line: String) -> String {
    var s = Substring(line)
    while s.last == " " { s.removeLast() }
    return String(s)
  }

  func facets(_ field: String, _ rows: [FacetRow], into out: inout some RenderSink) {
    let texts = rows.map { [$0.value, String($0.count)] }
    guard options.terminal, let most = rows.map(\.count).max(), most > 0 else {
      grid([field, "count"], texts, rightAligned: [1], into: &out)
      return
    }
    let valueWidth = min(
      max(DisplayWidth.of(field), rows.map { DisplayWidth.of($0.value) }.max() ?? 0),
      max(6, options.width / 2))
    let countWidth = max(5, String(most).count)
    let barRoom = max(1, options.width - valueWidth - countWidth - 2 * Self.gap)
    let head = DisplayWidth.pad(DisplayWidth.truncate(field, to: valueWidth), to: valueWidth)
    out.write(trimmed(style.bold(head + spacer + "count")) + "\n")
    for row in rows {
      let value = DisplayWidth.pad(DisplayWidth.truncate(row.value, to: valueWidth), to: valueWidth)
      let count =
        String(repeating: " ", count: countWidth - String(row.count).count) + String(row.count)
      let length = max(row.count > 0 ? 1 : 0, row.count * barRoom / most)
      let bar = length > 0 ? spacer + style.cyan(String(repeating: "█", count: length)) : ""
      out.write(trimmed(value + spacer + count) + bar + "\n")
    }
  }

  /// Column widths that fit `width`: natural widths, then the long columns give up room in
  /// proportion, none below twelve columns (or its natural width when that is less).
  static func fit(columns: [String], rows: [[String]], width: Int) -> [Int] {
    var widths = columns.map(DisplayWidth.of)
    for row in rows {
      for (i, cell) in row.enumerated() where i < widths.count {
        widths[i] = max(widths[i], DisplayWidth.of(oneLine(cell)))
      }
    }
    // Short columns (a kind, a date) are never cut; long ones keep at least twelve columns.
    let floors = widths.map { min($0, 12) }
    let budget = width - gap * max(0, columns.count - 1)
    let excess = widths.reduce(0, +) - budget
    guard excess > 0 else { return widths }
    // Each column gives up room in proportion to what it has above its floor, so a long id and a
    // long title share the cut instead of one of them losing everything.
    let slack = widths.indices.map { widths[$0] - floors[$0] }
    let totalSlack = slack.reduce(0, +)
    guard totalSlack > 0 else { return floors }
    var cut = widths.indices.map { min(slack[$0], excess * slack[$0] / totalSlack) }
    var remaining = min(excess, totalSlack) - cut.reduce(0, +)
    for i in widths.indices.sorted(by: { slack[$0] - cut[$0] > slack[$1] - cut[$1] })
    where remaining > 0 {
      if cut[i] < slack[i] {
        cut[i] += 1
        remaining -= 1
      }
    }
    return widths.indices.map { widths[$0] - cut[$0] }
  }

  /// Line breaks and tabs inside a cell become spaces.
  static func oneLine(_ s: String) -> String {
    guard s.contains(where: { $0 == "\n" || $0 == "\t" || $0 == "\r\n" || $0 == "\r" }) else {
      return s
    }
    return String(s.map { $0 == "\n" || $0 == "\t" || $0 == "\r\n" || $0 == "\r" ? " " : $0 })
  }
}
