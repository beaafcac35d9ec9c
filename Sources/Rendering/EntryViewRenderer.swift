import TerminalText

/// Renders one entry for `show`: `text` for the terminal (wrapped, headings emphasised, sources
/// with their addresses, related entries by title), `markdown` (front matter and body as a file
/// would hold them, minus comments), or `json` (one object).
public enum EntryViewRenderer {
  public enum Style: String, CaseIterable, Sendable {
    case text, markdown, json
  }

  public static func render(_ view: EntryView, as style: Style, options: RenderOptions) -> String {
    switch style {
    // The text view is for reading, on a terminal or through a pipe that may end at one: always
    // escaped. Markdown is the file's own text: exact on a pipe.
    case .text: return text(view.escaped(), options: options)
    case .markdown: return markdown(options.terminal ? view.escaped() : view)
    case .json: return json(view)
    }
  }

  static func text(_ view: EntryView, options: RenderOptions) -> String {
    let style = Emphasis(enabled: options.color)
    let width = max(20, options.width)
    // Words are marked line by line after wrapping, so a mark never changes where lines break.
    let mark: (String) -> String = { line in
      guard style.enabled, let highlighter = view.highlighter else { return line }
      return style.marking(line, highlighter.marks(line))
    }
    var out = style.bold(mark(view.title)) + "\n"
    let labelWidth = max(2, (["id"] + view.fields.map(\.name)).map(\.count).max() ?? 2)
    func field(_ name: String, _ value: String) {
      let label = style.dim(name.padding(labelWidth) + "  ")
      let lines = Wrapper.wrap(value, width: width - labelWidth - 2)
      out += label + (lines.first ?? "") + "\n"
      for line in lines.dropFirst() {
        out += String(repeating: " ", count: labelWidth + 2) + line + "\n"
      }
    }
    field("id", view.id)
    for (name, value) in view.fields where value != .null && value != .list([]) {
      field(name, value.plain())
    }
    if let summary = view.summary, !summary.isEmpty {
      out +=
        "\n"
        + Wrapper.wrap(summary, width: width).map { style.bold(mark($0)) }.joined(separator: "\n")
        + "\n"
    }
    let body = MarkdownText.lines(view.body, width: width, style: style, mark: mark)
    if !body.isEmpty { out += "\n" + body.joined(separator: "\n") + "\n" }
    if !view.sources.isEmpty {
      out += "\n" + style.underline("Sources") + "\n"
      for (i, source) in view.sources.enumerated() {
        var line = "\(i + 1). \(source.title)"
        if let date = source.date { line += " (\(date))" }
        out += Wrapper.wrap(line, width: width, indent: "   ").joined(separator: "\n") + "\n"
        if let url = source.url { out += "   " + style.cyan(url) + "\n" }
      }
    }
    if !view.related.isEmpty || !view.similar.isEmpty {
      out += "\n" + style.underline("Related") + "\n"
      func line(_ mark: String, _ related: EntryView.Related) {
        let title = related.title ?? "(no entry has this id)"
        out +=
          Wrapper.wrap("\(mark) \(title) [\(related.id)]", width: width, indent: "  ").joined(
            separator: "\n") + "\n"
      }
      for related in view.related { line("-", related) }
      if !view.similar.isEmpty {
        out += style.dim("Similar, found by likeness (not curated):") + "\n"
        for similar in view.similar { line("~", similar) }
      }
    }
    return out
  }

  static func markdown(_ view: EntryView) -> String {
    var out = "# \(view.title)\n\n"
    out += "- **id**: \(view.id)\n"
    for (name, value) in view.fields where value != .null && value != .list([]) {
      out += "- **\(name)**: \(value.plain())\n"
    }
    if let summary = view.summary, !summary.isEmpty { out += "\n> \(summary)\n" }
    out += "\n" + view.body.trimmingTrailingNewlines() + "\n"
    if !view.sources.isEmpty {
      out += "\n## Sources\n\n"
      for source in view.sources {
        out += source.url.map { "- [\(source.title)](\($0))" } ?? "- \(source.title)"
        out += source.date.map { " (\($0))" } ?? ""
        out += "\n"
      }
    }
    if !view.related.isEmpty || !view.similar.isEmpty {
      out += "\n## Related\n\n"
      for related in view.related { out += "- \(related.title ?? related.id) (`\(related.id)`)\n" }
      if !view.similar.isEmpty {
        out += (view.related.isEmpty ? "" : "\n") + "Similar, found by likeness (not curated):\n\n"
        for similar in view.similar {
          out += "- \(similar.title ?? similar.id) (`\(similar.id)`)\n"
        }
      }
    }
    return out
  }

  static func json(_ view: EntryView) -> String {
    var pairs: [(String, String)] = [
      ("id", JSONRenderer.string(view.id)), ("title", JSONRenderer.string(view.title)),
    ]
    for (name, value) in view.fields { pairs.append((name, JSONRenderer.value(value))) }
    pairs.append(("summary", view.summary.map(JSONRenderer.string) ?? "null"))
    pairs.append(("body", JSONRenderer.string(view.body)))
    let sources = view.sources.map { s in
      "{\"title\": \(JSONRenderer.string(s.title)), \"url\": \(s.url.map(JSONRenderer.string) ?? "null"), \"date\": \(s.date.map(JSONRenderer.string) ?? "null"), \"accessed\": \(s.accessed.map(JSONRenderer.string) ?? "null")}"
    }
    pairs.append(("sources", "[" + sources.joined(separator: ", ") + "]"))
    func links(_ list: [EntryView.Related]) -> String {
      "["
        + list.map { r in
          "{\"id\": \(JSONRenderer.string(r.id)), \"title\": \(r.title.map(JSONRenderer.string) ?? "null")}"
        }.joined(separator: ", ") + "]"
    }
    pairs.append(("related", links(view.related)))
    pairs.append(("similar", links(view.similar)))
    pairs.append(("path", JSONRenderer.string(view.path)))
    return "{\n" + pairs.map { "  \(JSONRenderer.string($0.0)): \($0.1)" }.joined(separator: ",\n")
      + "\n}\n"
  }
}

extension EntryView {
  /// The view with untrusted text made safe for a terminal (line breaks kept in the body).
  func escaped() -> EntryView {
    var v = self
    v.id = Escaping.visible(id)
    v.title = Escaping.visible(title)
    v.summary = summary.map(Escaping.visible)
    v.body = Escaping.visibleKeepingLines(body)
    v.path = Escaping.visible(path)
    v.fields = fields.map { field in
      switch field.value {
      case .text(let s): return (Escaping.visible(field.name), .text(Escaping.visible(s)))
      case .list(let l): return (Escaping.visible(field.name), .list(l.map(Escaping.visible)))
      default: return (Escaping.visible(field.name), field.value)
      }
    }
    v.sources = sources.map {
      Source(
        title: Escaping.visible($0.title), url: $0.url.map(Escaping.visible),
        date: $0.date.map(Escaping.visible), accessed: $0.accessed.map(Escaping.visible))
    }
    v.related = related.map(\.escaped)
    v.similar = similar.map(\.escaped)
    return v
  }
}

extension String {
  func padding(_ width: Int) -> String {
    self + String(repeating: " ", count: max(0, width - count))
  }

  func trimmingTrailingNewlines() -> String {
    var s = Substring(self)
    while s.last == "\n" { s.removeLast() }
    return String(s)
  }
}

extension EntryView.Related {
  var escaped: EntryView.Related {
    EntryView.Related(id: Escaping.visible(id), title: title.map(Escaping.visible))
  }
}
