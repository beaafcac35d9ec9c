import TerminalText

/// Lays out completion candidates in columns, `ls`-style (down then across), for a terminal
/// of a given width. Candidates may come from untrusted data: control characters are escaped.
public enum CandidateColumns {
  /// The lines to print (without newlines). Each column is as wide as its widest entry plus two
  /// spaces; a candidate wider than the terminal gets a line of its own.
  public static func lines(_ candidates: [String], width: Int) -> [String] {
    let items = candidates.map(Escaping.visible)
    guard !items.isEmpty else { return [] }
    let widths = items.map(DisplayWidth.of)
    let gap = 2
    let cellWidth = (widths.max() ?? 0) + gap
    let columns = max(1, (max(width, 1) + gap) / cellWidth)
    let rows = (items.count + columns - 1) / columns
    var lines: [String] = []
    for row in 0..<rows {
      var line = ""
      var column = 0
      while case let index = column * rows + row, index < items.count {
        let isLast = (column + 1) * rows + row >= items.count
        line += items[index]
        if !isLast { line += String(repeating: " ", count: cellWidth - widths[index]) }
        column += 1
      }
      lines.append(line)
    }
    return lines
  }

  /// At most `maxLines` lines: when the list is longer, its last line says how many candidates
  /// were left out (a terminal screen never scrolls away under a huge list).
  public static func lines(_ candidates: [String], width: Int, maxLines: Int) -> [String] {
    let all = lines(candidates, width: width)
    guard all.count > maxLines, maxLines >= 1 else { return all }
    let rows = all.count
    let columns = (candidates.count + rows - 1) / rows
    let shownRows = maxLines - 1
    // Column-major layout: with fewer rows shown, count what each kept row holds.
    var shown = 0
    for row in 0..<shownRows {
      for column in 0..<columns where column * rows + row < candidates.count { shown += 1 }
    }
    return Array(all.prefix(shownRows)) + ["… \(candidates.count - shown) more"]
  }
}
