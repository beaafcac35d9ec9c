import TerminalText

/// Greedy word wrapping by display width; words longer than a line are cut.
enum Wrapper {
  static func wrap(_ text: String, width: Int, indent: String = "") -> [String] {
    let width = max(10, width)
    var lines: [String] = []
    var line = ""
    var used = 0
    for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
      var w = String(word)
      var ww = DisplayWidth.of(w)
      let room = width - (lines.isEmpty ? 0 : DisplayWidth.of(indent))
      if used > 0, used + 1 + ww > room {
        lines.append(line)
        line = ""
        used = 0
      }
      while ww > room - used, used == 0, ww > room {
        let cut = DisplayWidth.truncate(w, to: room)
        lines.append(String(cut.dropLast()))
        w = String(w.dropFirst(cut.count - 1))
        ww = DisplayWidth.of(w)
      }
      if used > 0 {
        line += " "
        used += 1
      }
      line += w
      used += ww
    }
    if !line.isEmpty || lines.isEmpty { lines.append(line) }
    return lines.enumerated().map { $0.offset == 0 ? $0.element : indent + $0.element }
  }
}

/// Markdown body for the terminal: headings emphasised, paragraphs and list items wrapped, code
/// blocks kept as written.
enum MarkdownText {
  /// `mark` highlights words in a line of prose (not in code blocks).
  static func lines(
    _ body: String, width: Int, style: Emphasis, mark: (String) -> String = { $0 }
  ) -> [String] {
    var out: [String] = []
    var paragraph: [String] = []
    var inCode = false
    func flush() {
      guard !paragraph.isEmpty else { return }
      let text = paragraph.joined(separator: " ")
      paragraph = []
      if let marker = listMarker(text) {
        let rest = String(text.dropFirst(marker.count))
        out += Wrapper.wrap(
          marker + rest, width: width, indent: String(repeating: " ", count: marker.count)
        ).map(mark)
      } else {
        out += Wrapper.wrap(text, width: width).map(mark)
      }
    }
    for raw in body.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = String(raw)
      if line.hasPrefix("```") || line.hasPrefix("~~~") {
        flush()
        inCode.toggle()
        continue
      }
      if inCode {
        out.append("    " + line)
        continue
      }
      let trimmed = line.trimmingLeadingSpaces()
      if trimmed.isEmpty {
        flush()
        if out.last != "" && !out.isEmpty { out.append("") }
      } else if trimmed.hasPrefix("#") {
        flush()
        let heading = String(trimmed.drop { $0 == "#" }).trimmingLeadingSpaces()
        if !out.isEmpty, out.last != "" { out.append("") }
        out.append(style.bold(style.underline(mark(heading))))
      } else if listMarker(trimmed) != nil {
        flush()
        paragraph = [trimmed]
      } else {
        paragraph.append(trimmed)
      }
    }
    flush()
    while out.last == "" { out.removeLast() }
    return out
  }

  static func listMarker(_ text: String) -> String? {
    if text.hasPrefix("- ") || text.hasPrefix("* ") || text.hasPrefix("+ ") { return "• " }
    let digits = text.prefix { $0.isASCII && $0.isNumber }
    if !digits.isEmpty, text.dropFirst(digits.count).hasPrefix(". ") {
      return String(digits) + ". "
    }
    return nil
  }
}

extension String {
  func trimmingLeadingSpaces() -> String {
    String(drop { $0 == " " || $0 == "\t" })
  }
}
