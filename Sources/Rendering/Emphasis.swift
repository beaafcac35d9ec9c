/// ANSI emphasis, applied only when colour is on.
struct Emphasis {
  var enabled: Bool

  func bold(_ s: String) -> String { wrap(s, "1") }
  func dim(_ s: String) -> String { wrap(s, "2") }
  func underline(_ s: String) -> String { wrap(s, "4") }
  func cyan(_ s: String) -> String { wrap(s, "36") }
  func yellow(_ s: String) -> String { wrap(s, "33") }
  func red(_ s: String) -> String { wrap(s, "31") }

  /// Reverse video that ends with its own off code (27), so it can sit inside bold or underline
  /// text without ending them.
  func reverse(_ s: String) -> String {
    enabled && !s.isEmpty ? "\u{1B}[7m\(s)\u{1B}[27m" : s
  }

  /// `line` with the characters in `ranges` in reverse video: a query's words in a whole entry.
  func marking(_ line: String, _ ranges: [Range<Int>]) -> String {
    guard enabled, !ranges.isEmpty else { return line }
    let chars = Array(line)
    var out = ""
    var at = 0
    for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where r.lowerBound >= at {
      let lower = min(r.lowerBound, chars.count)
      let upper = min(r.upperBound, chars.count)
      out += String(chars[at..<lower]) + reverse(String(chars[lower..<upper]))
      at = upper
    }
    return out + String(chars[at...])
  }

  private func wrap(_ s: String, _ code: String) -> String {
    enabled && !s.isEmpty ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
  }
}
