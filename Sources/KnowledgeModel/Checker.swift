import Foundation

/// The checks behind `safetykb check`: everything the loader reported, plus what can only be seen
/// across the whole knowledge base (duplicate ids, vocabulary, related entries, sources).
public enum Checker {
  public static func check(_ kb: KnowledgeBase) -> [Diagnostic] {
    var diagnostics = kb.diagnostics
    let entries = kb.entries
    // Each id's first entry, by number.
    var firstByID: [String: Int] = [:]
    firstByID.reserveCapacity(entries.count)
    for (n, entry) in entries.enumerated() {
      if let other = firstByID[entry.id] {
        diagnostics.append(
          .error(
            kb.located(entry, "id", value: entry.id),
            "duplicate id '\(entry.id)' (also in \(kb.displayPath(entries[other].path)))"))
      } else {
        firstByID[entry.id] = n
      }
    }
    let ids = Array(firstByID.keys)
    let known = Set(ids)
    // Entries are checked on every core, a run at a time; the runs' problems are kept in
    // entry order.
    let found = entries.inRuns { run in
      run.flatMap { check(entries[$0], in: kb, ids: ids, known: known) }
    }
    for problems in found { diagnostics += problems }
    if let vocabulary = kb.vocabulary {
      diagnostics += unusedValues(vocabulary, entries)
    }
    diagnostics += AddressCheck.titleClashes(kb)
    return diagnostics.sorted { ($0.location, $0.message) < ($1.location, $1.message) }
  }

  static func check(_ entry: Entry, in kb: KnowledgeBase, ids: [String], known: Set<String>)
    -> [Diagnostic]
  {
    var out: [Diagnostic] = []
    // Where the problems are: the entry's places, its file read again for them at most once.
    var places: EntryPlaces?
    func at(_ key: String, _ value: String? = nil) -> SourceLocation {
      if places == nil { places = kb.places(of: entry) }
      return kb.located(entry, key, value: value, in: places)
    }
    // An id two knowledge bases hold is shown as `KB/ID`; the id itself must be a slug.
    let clash = kb.members.first { entry.id.hasPrefix($0 + "/") }
    if !Slug.isValid(clash.map { String(entry.id.dropFirst($0.count + 1)) } ?? entry.id) {
      out.append(
        .error(
          at("id", entry.id),
          "id '\(entry.id)' is not a slug (use lower-case letters, digits and hyphens)"
        ))
    }
    if let vocabulary = kb.vocabulary {
      for facet in Facet.allCases {
        for value in facet.values(of: entry) where !vocabulary.contains(value, in: facet) {
          out.append(
            .error(
              at(facet == .kind ? "kind" : facet.rawValue, value),
              "unknown \(facet.singular) '\(value)'"
                + Suggestion.didYouMean(value, in: vocabulary.names(in: facet))))
        }
      }
      if entry.kind == nil {
        let kinds = vocabulary.names(in: .kind).map { "'\($0)'" }.joined(separator: ", ")
        out.append(.error(at("kind"), "missing kind; expected one of \(kinds)"))
      }
    }
    for id in entry.related where !known.contains(id) {
      out.append(
        .error(
          at("related", id),
          "related entry '\(id)' does not exist" + Suggestion.didYouMean(id, in: ids)))
    }
    if entry.sources.isEmpty {
      out.append(.warning(at("sources"), "entry has no sources"))
    }
    for (n, source) in entry.sources.enumerated() {
      if source.title.isEmpty {
        out.append(.error(at("sources"), "source \(n + 1) has no title"))
      }
      if let url = source.url, !isWellFormedURL(url) {
        out.append(.error(at("sources"), "source \(n + 1) has a malformed URL '\(url)'"))
      } else if let url = source.url {
        out += AddressCheck.problems(url, source: n + 1).map { .warning(at("sources"), $0) }
      }
      for (label, value) in [("date", source.date), ("accessed", source.accessed)] {
        if let value, FieldReader.date(from: value) == nil {
          out.append(
            .error(
              at("sources"),
              "source \(n + 1) has an invalid \(label) '\(value)'; expected YYYY, YYYY-MM or YYYY-MM-DD"
            ))
        }
      }
    }
    if entry.bodyIsBlank {
      out.append(.warning(entry.bodyLocation.with(path: kb.displayPath(entry.path)), "empty body"))
    }
    return out
  }

  /// Vocabulary values no entry uses (a value counts as used when a value below it is).
  static func unusedValues(_ vocabulary: Vocabulary, _ entries: EntryList) -> [Diagnostic] {
    var out: [Diagnostic] = []
    for facet in Facet.allCases {
      // The values as written first (entries share most), then each one's ancestors.
      var written = Set<String>()
      for entry in entries { written.formUnion(facet.values(of: entry)) }
      var used = Set<String>()
      for value in written {
        let parts = value.split(separator: "/")
        for n in 1...max(1, parts.count) { used.insert(parts.prefix(n).joined(separator: "/")) }
      }
      for term in vocabulary.terms[facet] ?? [] where !used.contains(term.value) {
        out.append(
          .warning(term.location, "\(facet.singular) '\(term.value)' is not used by any entry"))
      }
    }
    return out
  }

  /// An absolute http(s), ftp or mailto URL with a host, no spaces and no control characters.
  public static func isWellFormedURL(_ text: String) -> Bool {
    guard !text.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 32 } == true }),
      let components = URLComponents(string: text), let scheme = components.scheme?.lowercased()
    else { return false }
    if scheme == "mailto" { return !components.path.isEmpty }
    guard ["http", "https", "ftp"].contains(scheme), let host = components.host, !host.isEmpty,
      host.contains(".") || host == "localhost"
    else { return false }
    return true
  }

  /// Errors and warnings, and the one-line summary `41 entries, 0 errors, 2 warnings`.
  public static func summary(entries: Int, _ diagnostics: [Diagnostic]) -> String {
    let errors = diagnostics.count { $0.severity == .error }
    let warnings = diagnostics.count { $0.severity == .warning }
    func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
    return
      "\(plural(entries, "entry").replacingOccurrences(of: "entrys", with: "entries")), \(plural(errors, "error")), \(plural(warnings, "warning"))"
  }
}

extension KnowledgeBase {
  /// Where `entry`'s key, or its value `value` (else the key), was written, shown with the
  /// entry's path; from `places` when given, else from `places(of:)`.
  func located(
    _ entry: Entry, _ key: String, value: String? = nil, in places: EntryPlaces? = nil
  ) -> SourceLocation {
    let places = places ?? self.places(of: entry)
    let path = displayPath(entry.path)
    if let value, let place = places.value(key, value, path: path) { return place }
    return places.key(key, path: path) ?? SourceLocation(path: path)
  }

  /// Where `entry`'s keys and values were written: the places it keeps, or, for an entry loaded
  /// without them (as `check` loads every entry), those of its file read again. A file changed
  /// since it was loaded gives its places now; one that cannot be read, none (a problem is then
  /// shown at the file's start).
  func places(of entry: Entry) -> EntryPlaces {
    guard entry.places.isEmpty else { return entry.places }
    var parser = self.parser
    parser.locations = true
    parser.bodies = false
    let display = displayPath(entry.path)
    guard case .success(let bytes) = FileReader.read(display) else { return EntryPlaces() }
    return parser.parse(bytes: bytes, path: entry.path, displayPath: display).entry?.places
      ?? EntryPlaces()
  }
}

extension SourceLocation {
  func with(path: String) -> SourceLocation {
    SourceLocation(path: path, line: line, column: column)
  }
}
