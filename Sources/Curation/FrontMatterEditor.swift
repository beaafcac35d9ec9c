import KnowledgeModel

/// Changes list fields in a Markdown file's front matter, rewriting only the lines of the keys it
/// changes: every other byte (comments, key order, quoting, line ends, a byte order mark, the
/// body) stays as it was. A key written in a form it cannot edit safely is refused, never
/// guessed at; the result is parsed again and compared with what was intended before it is
/// returned.
public enum FrontMatterEditor {
  /// The file's bytes with the changes made, or nil when they change nothing.
  public static func apply(_ changes: [ListChange], to bytes: [UInt8], vocabulary: Vocabulary?)
    throws(CurationError) -> [UInt8]?
  {
    guard String(validating: bytes, as: UTF8.self) != nil else {
      throw .refused("the file is not valid UTF-8")
    }
    var source = SourceLines(bytes)
    guard source.frontMatter != nil else { throw .refused("the file has no front matter") }
    var fields: [ListField] = []
    for change in changes where !fields.contains(change.field) { fields.append(change.field) }
    for field in fields {
      let mine = changes.filter { $0.field == field }
      try edit(field, mine, in: &source, vocabulary: vocabulary)
    }
    let edited = source.bytes
    if edited == bytes { return nil }
    try verify(original: bytes, edited: edited, changes: changes, vocabulary: vocabulary)
    return edited
  }

  /// A list item: its text as written (nil for a new one) and its value.
  struct Item {
    var raw: String?
    var value: String
    var line: Int?
  }

  static func edit(
    _ field: ListField, _ changes: [ListChange], in source: inout SourceLines,
    vocabulary: Vocabulary?
  ) throws(CurationError) {
    guard let fences = source.frontMatter else { return }
    let lines = source.lines
    guard
      let keyLine = (fences.open + 1..<fences.close).first(where: {
        YAMLLine.key(lines[$0].text)?.key.lowercased() == field.rawValue
      })
    else {
      let values = result(of: changes, on: [], field: field, vocabulary: vocabulary)
      guard !values.isEmpty else { return }
      let at = insertionPoint(for: field, in: source, fences: fences)
      let text = field.rawValue + ": " + flow(values, separator: ", ", padding: "")
      source.lines.insert(.init(text: text, end: lines[fences.open].end), at: at)
      return
    }
    let end = spanEnd(of: keyLine, in: lines, close: fences.close)
    let text = lines[keyLine].text
    let afterColon = YAMLLine.key(text)!.afterColon
    let (value, comment) = YAMLLine.valueAndComment(text[afterColon...])
    let content = (keyLine + 1..<end).filter { !isBlankOrComment(lines[$0].text) }
    let refusal = CurationError.refused(
      "'\(field.rawValue)' is not written as a list `tag` can edit; change it by hand")

    if value.isEmpty || value == "~" || value.lowercased() == "null" {
      var items: [Item] = []
      for i in content {
        guard let item = YAMLLine.blockItem(lines[i].text) else { throw refusal }
        items.append(Item(raw: String(item.value), value: YAMLLine.unquote(item.value), line: i))
      }
      let values = result(of: changes, on: items, field: field, vocabulary: vocabulary)
      if values.map(\.raw) == items.map(\.raw) { return }
      if items.isEmpty || values.isEmpty {
        let prefix = value.isEmpty ? text[..<afterColon] + " " : text[..<value.startIndex]
        source.lines[keyLine].text = String(
          prefix + flow(values, separator: ", ", padding: "") + comment)
        if values.isEmpty { source.lines.removeSubrange(keyLine + 1..<end) }
        return
      }
      rewriteBlock(items, values, in: &source, span: keyLine + 1..<end)
      return
    }
    guard content.isEmpty, let first = value.first, !"|>{&*!".contains(first) else {
      throw refusal
    }
    var items: [Item]
    var separator = ", "
    var padding = ""
    if first == "[" {
      guard let flowList = YAMLLine.flowItems(value) else { throw refusal }
      items = flowList.items.map { Item(raw: String($0), value: YAMLLine.unquote($0)) }
      separator = flowList.separator
      padding = String(value.dropFirst().prefix { $0 == " " })
    } else {
      items = [Item(raw: String(value), value: YAMLLine.unquote(value))]
    }
    let values = result(of: changes, on: items, field: field, vocabulary: vocabulary)
    if values.map(\.raw) == items.map(\.raw) { return }
    source.lines[keyLine].text = String(
      text[..<value.startIndex] + flow(values, separator: separator, padding: padding) + comment)
  }

  /// The items after the changes: the ones kept, in their order and as written, then the ones
  /// added. A value matches an item when they are the same value after aliases, in any case.
  static func result(
    of changes: [ListChange], on items: [Item], field: ListField, vocabulary: Vocabulary?
  ) -> [Item] {
    func canonical(_ value: String) -> String {
      let v = value.trimmed
      return (field.facet.flatMap { vocabulary?.resolve(v, in: $0) } ?? v).lowercased()
    }
    var out = items
    for change in changes {
      let target = canonical(change.value)
      if change.add {
        if !out.contains(where: { canonical($0.value) == target }) {
          out.append(Item(raw: nil, value: change.value))
        }
      } else {
        out.removeAll { canonical($0.value) == target }
      }
    }
    return out
  }

  static func flow(_ items: [Item], separator: String, padding: String) -> String {
    if items.isEmpty { return "[]" }
    return "[" + padding
      + items.map { $0.raw ?? YAMLLine.scalar($0.value) }
      .joined(separator: separator) + padding + "]"
  }

  /// Block list lines: kept items stay on their lines, removed ones go, new ones follow the last
  /// item, written like it (same indent and dash).
  static func rewriteBlock(
    _ items: [Item], _ values: [Item], in source: inout SourceLines, span: Range<Int>
  ) {
    let keptLines = Set(values.compactMap(\.line))
    let model = source.lines[items.last!.line!]
    let prefix = YAMLLine.blockItem(model.text)!.prefix
    var out: [SourceLines.Line] = []
    var insertAt = 0
    for i in span {
      let isItem = items.contains { $0.line == i }
      if isItem, !keptLines.contains(i) {
        insertAt = out.count
        continue
      }
      out.append(source.lines[i])
      if isItem { insertAt = out.count }
    }
    let added = values.filter { $0.raw == nil }.map {
      SourceLines.Line(text: String(prefix) + YAMLLine.scalar($0.value), end: model.end)
    }
    out.insert(contentsOf: added, at: insertAt)
    source.lines.replaceSubrange(span, with: out)
  }

  /// Where a missing key goes: after the nearest key that usually comes before it, else just
  /// before the closing fence.
  static func insertionPoint(
    for field: ListField, in source: SourceLines, fences: (open: Int, close: Int)
  ) -> Int {
    let order = ["id", "title", "kind", "summary", "tags", "offices", "outcomes"]
    let before = field == .related ? [] : Array(order.prefix { $0 != field.rawValue }.reversed())
    for key in before {
      if let line = (fences.open + 1..<fences.close).first(where: {
        YAMLLine.key(source.lines[$0].text)?.key.lowercased() == key
      }) {
        return spanEnd(of: line, in: source.lines, close: fences.close)
      }
    }
    return fences.close
  }

  /// The end (exclusive) of a key's lines: the lines after it that are indented or list items,
  /// with blank and comment lines between them (not after the last).
  static func spanEnd(of keyLine: Int, in lines: [SourceLines.Line], close: Int) -> Int {
    var end = keyLine + 1
    var j = keyLine + 1
    while j < close {
      let text = lines[j].text
      if isBlankOrComment(text) {
        j += 1
        continue
      }
      guard text.first == " " || text.first == "\t" || text == "-" || text.hasPrefix("- ")
      else { break }
      j += 1
      end = j
    }
    return end
  }

  static func isBlankOrComment(_ text: String) -> Bool {
    let t = text.drop { $0 == " " || $0 == "\t" }
    return t.isEmpty || t.first == "#"
  }

  /// Parses both versions and checks that the edit changed the fields as intended and nothing
  /// else.
  static func verify(
    original: [UInt8], edited: [UInt8], changes: [ListChange], vocabulary: Vocabulary?
  ) throws(CurationError) {
    let parser = EntryParser(curated: vocabulary != nil, locations: false)
    let failed = CurationError.refused(
      "the change could not be made without touching anything else; change it by hand")
    guard var before = parser.parse(bytes: original, path: "f.md", displayPath: "f.md").entry,
      var after = parser.parse(bytes: edited, path: "f.md", displayPath: "f.md").entry
    else { throw failed }
    if let vocabulary {
      before = vocabulary.canonicalised(before)
      after = vocabulary.canonicalised(after)
    }
    var expected = before
    for field in ListField.allCases {
      let mine = changes.filter { $0.field == field }
      if mine.isEmpty { continue }
      let items = field.values(of: before).map { Item(raw: $0, value: $0) }
      let values = result(of: mine, on: items, field: field, vocabulary: vocabulary).map {
        item in field.facet.flatMap { vocabulary?.resolve(item.value, in: $0) } ?? item.value
      }
      field.set(values, in: &expected)
    }
    guard after == expected else { throw failed }
  }
}
