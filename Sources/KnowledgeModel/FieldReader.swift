/// Reads front-matter pairs into an `Entry`, noting each value that has the wrong shape.
struct FieldReader {
  var path: String
  var diagnostics: [Diagnostic]
  /// Where each key and value was written.
  var places = EntryPlaces()
  /// Whether the places of keys and values are kept (only `check` points at them).
  var keepsPlaces = true

  static let listKeys: Set<String> = ["tags", "offices", "outcomes", "related"]

  mutating func entry(
    from pairs: [(key: String, keyLocation: SourceLocation, value: YAMLTree)],
    split: FrontMatter, filePath: String, displayPath: String, curated: Bool
  ) -> Entry {
    let fileStem = Self.stem(of: filePath)
    var entry = Entry(
      id: fileStem, title: "", path: filePath,
      bodyLocation: SourceLocation(path: displayPath, line: split.bodyLine))
    entry.body = split.body
    var extra: [(key: String, value: FieldValue)] = []
    var titleLocation: SourceLocation?
    var sawTitle = false
    for (rawKey, keyLocation, value) in pairs {
      let key = rawKey.lowercased()
      if key == "title" { titleLocation = keyLocation }
      if keepsPlaces { places.note(key, at: keyLocation) }
      if case .null = value { continue }
      switch key {
      case "id":
        if let s = scalar(value, key) {
          entry.id = s
          note("id", s, value.location)
        }
      case "title":
        sawTitle = true
        if let s = scalar(value, key) { entry.title = s.trimmed }
      case "kind":
        if let s = scalar(value, key) {
          entry.kind = s.trimmed
          note("kind", s.trimmed, value.location)
        }
      case "summary":
        if let s = scalar(value, key) { entry.summary = s.trimmed }
      case "tags": entry.tags = list(value, key)
      case "offices": entry.offices = list(value, key)
      case "outcomes": entry.outcomes = list(value, key)
      case "related": entry.related = list(value, key)
      case "date":
        if let s = scalar(value, key) {
          entry.dateText = s
          entry.date = Self.date(from: s)
          if entry.date == nil {
            diagnostics.append(
              .error(value.location, "invalid date '\(s)'; expected YYYY, YYYY-MM or YYYY-MM-DD"))
          }
        }
      case "sources": entry.sources = sources(value)
      default:
        flatten(value, into: &extra, key: key)
      }
    }
    entry.places = places
    entry.extra = extra
    if entry.title.isEmpty {
      let fallback = Self.heading(in: split.body) ?? fileStem
      let message = sawTitle ? "empty title" : "missing title"
      let location = titleLocation ?? SourceLocation(path: displayPath)
      if curated || sawTitle {
        diagnostics.append(.error(location, message))
      } else if split.yaml != nil {
        diagnostics.append(.warning(location, "\(message); using '\(fallback)'"))
      }
      entry.title = fallback
    }
    return entry
  }

  private mutating func scalar(_ value: YAMLTree, _ key: String) -> String? {
    if case .scalar(let s, _) = value { return s }
    diagnostics.append(.error(value.location, "'\(key)' must be text, not a \(Self.shape(value))"))
    return nil
  }

  /// Notes where `key`'s value `value` was written, when places are kept.
  private mutating func note(_ key: String, _ value: String, _ location: SourceLocation) {
    if keepsPlaces { places.note(key, value: value, at: location) }
  }

  private mutating func list(_ value: YAMLTree, _ key: String) -> [String] {
    switch value {
    case .scalar(let s, let location):
      let value = s.trimmed
      note(key, value, location)
      return [value].filter { !$0.isEmpty }
    case .sequence(let items, _):
      return items.compactMap { item -> String? in
        if case .scalar(let s, let location) = item {
          // One string for the list and its place: they share its storage.
          let value = s.trimmed
          note(key, value, location)
          return value.isEmpty ? nil : value
        }
        if case .null = item { return nil }
        diagnostics.append(.error(item.location, "'\(key)' must be a list of text values"))
        return nil
      }
    default:
      diagnostics.append(.error(value.location, "'\(key)' must be a list of text values"))
      return []
    }
  }

  private mutating func sources(_ value: YAMLTree) -> [SourceReference] {
    let items: [YAMLTree]
    switch value {
    case .sequence(let list, _): items = list
    default: items = [value]
    }
    var result: [SourceReference] = []
    for item in items {
      switch item {
      case .scalar(let s, _):
        let looksLikeURL = s.hasPrefix("http://") || s.hasPrefix("https://")
        result.append(SourceReference(title: looksLikeURL ? "" : s, url: looksLikeURL ? s : nil))
      case .mapping(let pairs, _):
        var ref = SourceReference(title: "")
        for (k, _, v) in pairs {
          guard case .scalar(let s, _) = v else { continue }
          switch k.lowercased() {
          case "title", "name": ref.title = s.trimmed
          case "url", "link", "href": ref.url = s.trimmed
          case "date", "published": ref.date = s
          case "accessed": ref.accessed = s
          default: break
          }
        }
        result.append(ref)
      default:
        diagnostics.append(
          .error(item.location, "each source must be a mapping with 'title' and 'url'"))
      }
    }
    return result
  }

  private func flatten(
    _ value: YAMLTree, into extra: inout [(key: String, value: FieldValue)], key: String
  ) {
    switch value {
    case .scalar(let s, _): extra.append((key, .text(s)))
    case .null: break
    case .sequence(let items, _):
      let scalars = items.compactMap { item -> String? in
        if case .scalar(let s, _) = item { return s }
        return nil
      }
      extra.append((key, .list(scalars)))
    case .mapping(let pairs, _):
      for (k, _, v) in pairs { flatten(v, into: &extra, key: key + "." + k.lowercased()) }
    }
  }

  static func shape(_ value: YAMLTree) -> String {
    switch value {
    case .scalar: return "text value"
    case .sequence: return "list"
    case .mapping: return "mapping"
    case .null: return "null"
    }
  }

  /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a timestamp that begins with a date (as static-site
  /// generators write: `2019-10-20 10:00:00 +0000`, `2019-10-20T10:00:00Z`).
  static func date(from text: String) -> PartialDate? {
    let t = text.trimmed
    if let d = PartialDate(t) { return d }
    if t.count > 10 {
      let head = String(t.prefix(10))
      let next = t[t.index(t.startIndex, offsetBy: 10)]
      if next == " " || next == "T", let d = PartialDate(head) { return d }
    }
    return nil
  }

  static func stem(of path: String) -> String {
    // Most names are ASCII and end in `.md`: cut as bytes. Anything else is cut by characters:
    // a name ending in a slash, or where a slash or the `.` could join a character beside it
    // (only characters outside ASCII join an ASCII one).
    let utf8 = path.utf8
    let slash = utf8.lastIndex(of: UInt8(ascii: "/"))
    let start = slash.map(utf8.index(after:)) ?? utf8.startIndex
    let name = utf8[start...]
    let slashStandsAlone =
      slash.map {
        ($0 == utf8.startIndex || utf8[utf8.index(before: $0)] < 0x80) && name.first ?? 0 < 0x80
      } ?? true
    if slashStandsAlone, name.count > 3 {
      let dot = name.index(name.endIndex, offsetBy: -3)
      let m = name.index(after: dot)
      if name[name.index(before: dot)] < 0x80, name[dot] == UInt8(ascii: "."),
        name[m] | 0x20 == UInt8(ascii: "m"), name[name.index(after: m)] | 0x20 == UInt8(ascii: "d")
      {
        return String(Substring(name[..<dot]))
      }
    }
    let whole = path.split(separator: "/").last.map(String.init) ?? path
    return whole.lowercased().hasSuffix(".md") ? String(whole.dropLast(3)) : whole
  }

  /// The text of the first ATX heading (`# Title`) in a body.
  static func heading(in body: String) -> String? {
    for line in body.split(separator: "\n") {
      let t = line.drop { $0 == " " }
      if t.hasPrefix("#") {
        let text = t.drop { $0 == "#" }.trimmingCharacters()
        if !text.isEmpty { return text }
      }
    }
    return nil
  }
}

extension StringProtocol {
  /// The text without leading and trailing white space.
  public var trimmed: String { trimmingCharacters() }

  func trimmingCharacters() -> String {
    // Most values begin and end with a letter: nothing to trim, and no need to walk
    // characters (an ASCII byte at either end that is not a space is not part of a space).
    var s = Substring(self)
    if let first = s.utf8.first, let last = s.utf8.last, first < 0x80, last < 0x80,
      !Self.asciiSpace(first), !Self.asciiSpace(last)
    {
      return String(self)
    }
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }

  /// Spaces, and the control characters, some of which are spaces.
  private static func asciiSpace(_ byte: UInt8) -> Bool { byte <= 0x20 || byte == 0x7F }
}
