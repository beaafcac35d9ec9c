/// Lays out completion candidates in columns, `ls`-style (down then across), for a terminal
/// of a given width. Candidates may come from untrusted data: control characters are escaped.
public enum CandidateColumns {
  /// The lines to print (without newlines). Each column is as wide as its widest entry plus two
  /// spaces; a candidate wider than the terminal gets a line of its own.
  public static func lines(_ candidates: [String], width: Int) -> [String] {
    let items = candidates.map(escapeControlCharacters)
    guard !items.isEmpty else { return [] }
    let widths = items.map(displayWidth)
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

  /// Makes control characters visible: `\n`, `\t`, `\r`, `\e`, other C0/C1 and DEL as `\u{..}`,
  /// and a backslash before such an escape stays as is.
  public static func escapeControlCharacters(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x0A: out += "\\n"
      case 0x09: out += "\\t"
      case 0x0D: out += "\\r"
      case 0x1B: out += "\\e"
      case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
        out += "\\u{" + String(scalar.value, radix: 16) + "}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Terminal columns taken by `text`: 2 for East Asian wide characters and emoji, 0 for
  /// combining marks and zero-width characters, 1 otherwise.
  public static func displayWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { $0 + scalarWidth($1) }
  }

  static func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    switch v {
    case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F,
      0x200B...0x200F, 0xFE00...0xFE0F, 0xE0100...0xE01EF:
      return 0
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
      return 2
    default:
      return 1
    }
  }
}
