/// A text file as lines, each with its own line end, so that lines can be replaced, removed and
/// inserted while every other byte stays as it was (CRLF or LF line ends, a byte order mark, no
/// final newline).
struct SourceLines: Equatable {
  struct Line: Equatable {
    /// The line without its end (the first line keeps a byte order mark, if any).
    var text: String
    /// `\n`, `\r\n`, or empty for a last line without one.
    var end: String
  }

  var lines: [Line]

  /// Splits valid UTF-8 text at `\n`, keeping `\r\n` ends whole.
  init(_ bytes: [UInt8]) {
    var lines: [Line] = []
    var start = 0
    for i in bytes.indices where bytes[i] == UInt8(ascii: "\n") {
      let crlf = i > start && bytes[i - 1] == UInt8(ascii: "\r")
      let textEnd = crlf ? i - 1 : i
      lines.append(
        Line(
          text: String(decoding: bytes[start..<textEnd], as: UTF8.self),
          end: crlf ? "\r\n" : "\n"))
      start = i + 1
    }
    if start < bytes.count {
      lines.append(Line(text: String(decoding: bytes[start...], as: UTF8.self), end: ""))
    }
    self.lines = lines
  }

  var bytes: [UInt8] {
    var out: [UInt8] = []
    for line in lines {
      out += line.text.utf8
      out += line.end.utf8
    }
    return out
  }

  /// The line's text without a byte order mark and trailing blanks (for fences).
  static func bare(_ text: String) -> Substring {
    var t = Substring(text)
    if t.unicodeScalars.first == "\u{FEFF}" { t.unicodeScalars.removeFirst() }
    while let last = t.last, last == " " || last == "\t" { t.removeLast() }
    return t
  }

  /// The indices of the front matter's opening and closing fences, or nil when the file has none
  /// (or it is never closed).
  var frontMatter: (open: Int, close: Int)? {
    guard let first = lines.first, Self.bare(first.text) == "---" else { return nil }
    for i in 1..<lines.count {
      let t = Self.bare(lines[i].text)
      if t == "---" || t == "..." { return (0, i) }
    }
    return nil
  }
}
