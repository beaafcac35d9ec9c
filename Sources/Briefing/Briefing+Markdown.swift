import KnowledgeModel

extension Briefing {
  /// The anchors of the handout's level-2 headings, in order: `about`, `contents`, then
  /// `entry-1` … (the HTML gives its headings these ids; the contents link to them).
  var anchors: [String] {
    ["about", "contents"] + items.indices.map { "entry-\($0 + 1)" }
  }

  /// The handout as Markdown. Everything from the knowledge base is either escaped so that it
  /// stays text (titles, summaries, kinds, dates, source titles), shown in a code block (the
  /// query and its explanation), or sanitized (the quoted section: no raw HTML, no links but
  /// `http`, `https`, `mailto` and relative ones, no images).
  public var markdown: String {
    let e = CommonMark.escaped
    var out = "# \(e(title))\n\n"
    let count = items.count == 1 ? "1 entry" : "\(items.count) entries"
    out += "\(e(date)) · \(count)\n\n"
    out += "## About this briefing\n\n"
    out += "The entries are those the query below finds, in its order. How SafetyKB read it:\n\n"
    out += Self.codeBlock(explanation)
    out += "\n## Contents\n\n"
    if items.isEmpty { out += "No entry matches the query.\n" }
    for (i, item) in items.enumerated() {
      let facts = [item.kind, item.date].compactMap { $0 }.map(e).joined(separator: ", ")
      out += "\(i + 1). [\(e(item.title))](#\(anchors[i + 2]))"
      out += facts.isEmpty ? "\n" : " (\(facts))\n"
    }
    for (i, item) in items.enumerated() {
      out += "\n## \(i + 1). \(e(item.title))\n\n"
      var facts: [String] = []
      if let kind = item.kind { facts.append("**Kind:** " + e(kind)) }
      if let date = item.date { facts.append("**Date:** " + e(date)) }
      facts.append("**Id:** " + e(item.id))
      out += facts.joined(separator: " · ") + "\n"
      if let summary = item.summary, !summary.isEmpty { out += "\n> \(e(summary))\n" }
      if let section = item.section {
        let text = CommonMark.sanitized(section.markdown, headingShift: 1)
        if !text.trimmingSpaces.isEmpty { out += "\n### \(e(section.heading))\n\n" + text }
      }
      if !item.sources.isEmpty {
        out += "\n### Sources\n\n"
        for (n, source) in item.sources.enumerated() {
          out += "\(n + 1). " + Self.source(source) + "\n"
        }
      }
    }
    return out
  }

  /// `Title (date). <https://…>`: the address as an autolink when it is safe to follow, else
  /// as text.
  static func source(_ source: SourceReference) -> String {
    var line = CommonMark.escaped(source.title)
    if let date = source.date { line += " (\(CommonMark.escaped(date)))" }
    guard let url = source.url?.trimmingSpaces, !url.isEmpty else { return line }
    let linkable =
      url.contains(":") && CommonMark.isSafeDestination(url)
      && !url.contains(where: { $0 == "<" || $0 == ">" || $0.isWhitespace || $0.isNewline })
    return line + ". " + (linkable ? "<\(url)>" : CommonMark.escaped(url))
  }

  /// A fenced code block longer than any run of backticks in the text, so the text cannot end it.
  static func codeBlock(_ text: String) -> String {
    var longest = 0
    var run = 0
    for c in text {
      run = c == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: max(3, longest + 1))
    return fence + "text\n" + text + (text.hasSuffix("\n") ? "" : "\n") + fence + "\n"
  }
}
