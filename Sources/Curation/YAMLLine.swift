import KnowledgeModel

/// Reading the pieces of one front-matter line by hand: a top-level key, its value and a trailing
/// comment, flow-list items and block-list items. Only what `tag` needs; anything else makes the
/// editor refuse rather than guess.
enum YAMLLine {
  /// A top-level `key:` line: the key (unquoted) and where the text after the colon begins.
  static func key(_ line: String) -> (key: String, afterColon: String.Index)? {
    guard let first = line.first, !" \t#-?{}[],&*!|>%@`".contains(first) else { return nil }
    var i = line.startIndex
    let key: String
    if first == "\"" || first == "'" {
      guard let close = line[line.index(after: i)...].firstIndex(of: first) else { return nil }
      key = String(line[line.index(after: i)..<close])
      i = line.index(after: close)
      while i < line.endIndex, line[i] == " " { i = line.index(after: i) }
      guard i < line.endIndex, line[i] == ":" else { return nil }
    } else {
      var found: String.Index?
      var j = line.startIndex
      while j < line.endIndex {
        if line[j] == ":" {
          let next = line.index(after: j)
          if next == line.endIndex || line[next] == " " || line[next] == "\t" {
            found = j
            break
          }
        }
        j = line.index(after: j)
      }
      guard let colon = found else { return nil }
      key = String(line[..<colon]).trimmed
      i = colon
    }
    return (key, line.index(after: i))
  }

  /// Splits the text after a key's colon (or a list item's dash) into the value, trimmed, and the
  /// rest: the blanks before a comment and the comment itself (`  # note`), kept as written.
  static func valueAndComment(_ text: Substring) -> (value: Substring, comment: Substring) {
    var quote: Character?
    var i = text.startIndex
    var previous: Character = " "
    while i < text.endIndex {
      let c = text[i]
      if let q = quote {
        if c == q { quote = nil }
      } else if c == "\"" || c == "'" {
        quote = c
      } else if c == "#", previous == " " || previous == "\t" {
        var start = i
        while start > text.startIndex, " \t".contains(text[text.index(before: start)]) {
          start = text.index(before: start)
        }
        return (trim(text[..<start]), text[start...])
      }
      previous = c
      i = text.index(after: i)
    }
    var end = text.endIndex
    while end > text.startIndex, " \t".contains(text[text.index(before: end)]) {
      end = text.index(before: end)
    }
    return (trim(text[..<end]), text[end...])
  }

  static func trim(_ s: Substring) -> Substring {
    var t = s
    while let f = t.first, f == " " || f == "\t" { t.removeFirst() }
    while let l = t.last, l == " " || l == "\t" { t.removeLast() }
    return t
  }

  /// The items of a one-line flow list `[a, "b", 'c']`, as written, or nil when it is not a
  /// flow list of plain or quoted scalars closed on the same line.
  static func flowItems(_ value: Substring) -> (items: [Substring], separator: String)? {
    guard value.first == "[", value.last == "]" else { return nil }
    let inner = value.dropFirst().dropLast()
    var items: [Substring] = []
    var quote: Character?
    var start = inner.startIndex
    var i = inner.startIndex
    var separator = ", "
    var sawSeparator = false
    while i < inner.endIndex {
      let c = inner[i]
      if let q = quote {
        if c == q { quote = nil }
      } else if c == "\"" || c == "'" {
        quote = c
      } else if "[]{}".contains(c) {
        return nil
      } else if c == "," {
        items.append(trim(inner[start..<i]))
        let next = inner.index(after: i)
        if !sawSeparator {
          separator = next < inner.endIndex && inner[next] == " " ? ", " : ","
          sawSeparator = true
        }
        start = next
      }
      i = inner.index(after: i)
    }
    if quote != nil { return nil }
    let last = trim(inner[start...])
    if !last.isEmpty || !items.isEmpty { items.append(last) }
    if items.contains(where: \.isEmpty) { return nil }
    return (items, separator)
  }

  /// A block-list item line (`  - value  # note`): the text before the value, the value as
  /// written and what follows it; nil for any other line.
  static func blockItem(_ line: String) -> (prefix: Substring, value: Substring, rest: Substring)? {
    let afterIndent = line.drop { $0 == " " }
    guard afterIndent.first == "-" else { return nil }
    let afterDash = afterIndent.dropFirst()
    guard afterDash.isEmpty || afterDash.first == " " else { return nil }
    let valueStart = afterDash.drop { $0 == " " }.startIndex
    let (value, rest) = valueAndComment(line[valueStart...])
    if let f = value.first, "[{|>&*!".contains(f) { return nil }
    return (line[..<valueStart], value, rest)
  }

  /// A scalar's value: quotes removed (`''` in single quotes, `\"` and `\\` in double quotes).
  static func unquote(_ raw: Substring) -> String {
    if raw.count >= 2, raw.first == "'", raw.last == "'" {
      return String(raw.dropFirst().dropLast()).replacing("''", with: "'")
    }
    if raw.count >= 2, raw.first == "\"", raw.last == "\"" {
      var out = ""
      var escaped = false
      for c in raw.dropFirst().dropLast() {
        if escaped {
          out.append(c == "n" ? "\n" : c == "t" ? "\t" : c)
          escaped = false
        } else if c == "\\" {
          escaped = true
        } else {
          out.append(c)
        }
      }
      return out
    }
    return String(raw)
  }

  /// A value as YAML: plain when that reads back as the same text, else double-quoted.
  static func scalar(_ value: String) -> String {
    let special =
      value.isEmpty || value.first.map { "-?:,[]{}#&*!|>'\"%@` ".contains($0) } == true
      || value.contains(": ") || value.contains(" #") || value.contains(",")
      || value.last == ":" || value.last == " "
      || ["~", "null", "true", "false", "yes", "no"].contains(value.lowercased())
      || value.contains(where: { $0.isNewline || $0 == "[" || $0 == "]" })
    guard special else { return value }
    return "\"" + value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
  }
}
