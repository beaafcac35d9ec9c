/// How many terminal columns text takes: wide East Asian characters and emoji take two, combining
/// marks and zero-width characters none.
public enum DisplayWidth {
  public static func of(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { $0 + of($1) }
  }

  public static func of(_ s: Unicode.Scalar) -> Int {
    let v = s.value
    if v == 0 { return 0 }
    if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
    if s.properties.generalCategory == .nonspacingMark
      || s.properties.generalCategory == .enclosingMark
      || v == 0x200B || v == 0x200C || v == 0x200D || v == 0xFEFF || (0xFE00...0xFE0F).contains(v)
    {
      return 0
    }
    if isWide(v) { return 2 }
    return 1
  }

  static func isWide(_ v: UInt32) -> Bool {
    (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
      || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v)
      || (0xA000...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
      || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
      || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
      || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v)
      || (0x20000...0x3FFFD).contains(v)
  }

  /// The longest prefix of `text` that fits in `width` columns, with `…` when it was cut.
  public static func truncate(_ text: String, to width: Int) -> String {
    guard of(text) > width else { return text }
    guard width > 0 else { return "" }
    var out = ""
    var used = 0
    for ch in text {
      let w = of(String(ch))
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
