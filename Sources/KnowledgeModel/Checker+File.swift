extension Checker {
  /// The problems of one entry file not yet (or no longer) part of the knowledge base, as
  /// `check` would report them: its own, and those against the vocabulary and the other entries
  /// (an id another file has, a related id that does not exist). `relative` is the file's path
  /// as the knowledge base will know it; messages use `kb.displayPath(relative)`.
  public static func check(file bytes: [UInt8], at relative: String, in kb: KnowledgeBase)
    -> [Diagnostic]
  {
    let display = kb.displayPath(relative)
    let parser = EntryParser(curated: kb.vocabulary != nil, locations: true)
    let result = parser.parse(bytes: bytes, path: relative, displayPath: display)
    var diagnostics = result.diagnostics
    guard var entry = result.entry else { return diagnostics }
    if let vocabulary = kb.vocabulary { Loader.canonicalise(&entry, with: vocabulary) }
    entry.kind = entry.kind ?? Loader.defaultKind(for: relative, vocabulary: kb.vocabulary)
    // Each other entry's id and number (ids read without decoding the entries).
    let entries = kb.entries
    var known: [String: Int] = [:]
    for (n, id) in entries.ids().enumerated()
    where known[id] == nil && entries.path(at: n) != relative {
      known[id] = n
    }
    if let other = known[entry.id] {
      diagnostics.append(
        .error(
          kb.located(entry, "id", value: entry.id),
          "id '\(entry.id)' is already used by \(kb.displayPath(entries.path(at: other)))"))
    }
    diagnostics += check(entry, in: kb, ids: Array(known.keys), known: Set(known.keys))
    return diagnostics.sorted { ($0.location, $0.message) < ($1.location, $1.message) }
  }
}
