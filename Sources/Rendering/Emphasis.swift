/// ANSI emphasis, applied only when colour is on.
struct Emphasis {
  var enabled: Bool

  func bold(_ s: String) -> String { wrap(s, "1") }
  func dim(_ s: String) -> String { wrap(s, "2") }
  func underline(_ s: String) -> String { wrap(s, "4") }
  func cyan(_ s: String) -> String { wrap(s, "36") }
  func yellow(_ s: String) -> String { wrap(s, "33") }
  func red(_ s: String) -> String { wrap(s, "31") }

  private func wrap(_ s: String, _ code: String) -> String {
    enabled && !s.isEmpty ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
  }
}
