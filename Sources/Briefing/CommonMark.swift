import CCmarkGFM

/// Markdown through cmark-gfm: untrusted Markdown made safe to include in a handout, plain text
/// escaped so that it stays text, and a whole handout turned into HTML in cmark's safe mode.
public enum CommonMark {
  /// The HTML for a Markdown document (GitHub's tables, strikethrough and autolinks included),
  /// in safe mode: raw HTML is left out and dangerous link destinations (`javascript:`,
  /// `vbscript:`, `file:`, most `data:`) become empty.
  public static func html(_ markdown: String) -> String {
    Document(markdown).html
  }

  /// An entry's Markdown made safe to paste into a handout, as Markdown: raw HTML left out,
  /// links whose destination is not `http`, `https`, `mailto` or relative replaced by their
  /// text, images replaced by their description (a handout loads nothing from elsewhere), and
  /// headings moved `headingShift` levels down (at most to level 6), so that the entry's own
  /// headings nest under the handout's.
  public static func sanitized(_ markdown: String, headingShift: Int = 0) -> String {
    let document = Document(markdown)
    document.sanitize(headingShift: headingShift)
    return document.commonMark
  }

  /// The part of `body` under the first level-2 heading whose text is one of `headings` (any
  /// case), up to the next heading of level 1 or 2: the heading as written and the part as
  /// Markdown, or nil when the body has no such heading.
  public static func section(_ headings: [String], in body: String) -> (
    heading: String, markdown: String
  )? {
    let document = Document(body)
    let wanted = Set(headings.map { $0.lowercased() })
    var node = cmark_node_first_child(document.root)
    while let current = node {
      node = cmark_node_next(current)
      guard cmark_node_get_type(current) == CMARK_NODE_HEADING,
        cmark_node_get_heading_level(current) == 2
      else { continue }
      let text = Document.text(of: current).trimmingSpaces
      guard wanted.contains(text.lowercased()) else { continue }
      let part = Document("")
      while let next = node {
        if cmark_node_get_type(next) == CMARK_NODE_HEADING, cmark_node_get_heading_level(next) <= 2
        {
          break
        }
        node = cmark_node_next(next)
        cmark_node_append_child(part.root, next)
      }
      return (text, part.commonMark)
    }
    return nil
  }

  /// Text that stays text in Markdown, yet reads as written: the characters that start inline
  /// markup or end a heading (`\\`, `` ` ``, `*`, `_`, `[`, `]`, `<`, `&`, `~`, `#`) are
  /// backslash-escaped, and so is whatever could start a block at the beginning (`>`, `-`, `+`,
  /// `=`, `|`, `1.`, `1)`);
  /// line breaks, tabs and other control characters become spaces.
  public static func escaped(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count + 8)
    var atStart = true
    var digitsAtStart = true
    for scalar in text.unicodeScalars {
      let c = scalar.value < 0x20 || scalar.value == 0x7F ? " " : scalar
      let inline = "\\`*_[]<&~#".unicodeScalars.contains(c)
      let block = atStart && "#>-+=|".unicodeScalars.contains(c)
      let ordinal = !atStart && digitsAtStart && (c == "." || c == ")")
      if inline || block || ordinal { out += "\\" }
      out.unicodeScalars.append(c)
      if c != " " {
        digitsAtStart = digitsAtStart && ("0"..."9").contains(c)
        atStart = false
      }
    }
    return out
  }

  /// Whether a link may point there: `http`, `https`, `mailto`, or a destination without a
  /// scheme. Control characters and white space are ignored while reading the scheme, as
  /// browsers do (`java\tscript:`).
  public static func isSafeDestination(_ url: String) -> Bool {
    let cleaned = String(
      String.UnicodeScalarView(
        url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
    guard let colon = cleaned.firstIndex(of: ":") else { return true }
    let scheme = cleaned[..<colon]
    if scheme.contains(where: { "/?#".contains($0) }) { return true }
    return ["http", "https", "mailto"].contains(scheme.lowercased())
  }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while s.first?.isWhitespace == true { s.removeFirst() }
    while s.last?.isWhitespace == true { s.removeLast() }
    return String(s)
  }
}
