import CUTF8Proc

/// How many terminal columns text takes, by utf8proc's character widths (Unicode's East Asian
/// width and emoji presentation): wide East Asian characters and emoji take two, combining marks
/// and zero-width characters none. Width is counted per grapheme cluster, the unit a terminal
/// draws: a base with its marks, or an emoji sequence joined by ZWJ, is one glyph.
public enum DisplayWidth {
  public static func of(_ text: String) -> Int {
    var total = 0
    for ch in text { total += of(ch) }
    return total
  }

  public static func of(_ ch: Character) -> Int {
    // Plain ASCII (the common case) needs no table.
    if let ascii = ch.asciiValue { return ascii < 0x20 || ascii == 0x7F ? 0 : 1 }
    var width = 0
    var emojiPresentation = false
    var regionalIndicators = 0
    for scalar in ch.unicodeScalars {
      switch scalar.value {
      case 0xFE0F: emojiPresentation = true
      case 0x1F1E6...0x1F1FF: regionalIndicators += 1
      default: break
      }
      width = max(width, Int(utf8proc_charwidth(Int32(bitPattern: scalar.value))))
    }
    // A text symbol asked to show as emoji (✔️), and a flag (two regional indicators), take two.
    if width == 1, emojiPresentation || regionalIndicators == 2 { return 2 }
    return width
  }

  /// The longest prefix of `text` that fits in `width` columns, with `…` when it was cut.
  public static func truncate(_ text: String, to width: Int) -> String {
    guard of(text) > width else { return text }
    guard width > 0 else { return "" }
    var out = ""
    var used = 0
    for ch in text {
      let w = of(ch)
      if used + w > width - 1 { break }
      out.append(ch)
      used += w
    }
    return out + "…"
  }

  /// `text` followed by spaces up to `width` columns.
  public static func pad(_ text: String, to width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - of(text)))
  }
}
