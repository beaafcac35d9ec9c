import CacheFormat

extension KnowledgeBase {
  /// Several knowledge bases searched as one: every entry kept, with its path as shown (the
  /// combined root is empty) and a `kb` field naming where it comes from; an id two of them
  /// hold becomes `KB/ID` in both (and so do `related` ids that point at it from the same
  /// knowledge base); the vocabularies merged, their conflicts returned. One knowledge base is
  /// returned as it is.
  public static func combined(_ parts: [KnowledgeBase]) -> (KnowledgeBase, conflicts: [Diagnostic])
  {
    guard parts.count > 1 else { return (parts.first ?? KnowledgeBase.empty, []) }
    var holders: [String: Set<Int>] = [:]
    for (p, part) in parts.enumerated() {
      for id in part.entries.ids() { holders[id, default: []].insert(p) }
    }
    var vocabulary: Vocabulary?
    var conflicts: [Diagnostic] = []
    for part in parts {
      guard let next = part.vocabulary else { continue }
      guard let current = vocabulary else {
        vocabulary = next
        continue
      }
      let (merged, found) = current.merging(next)
      vocabulary = merged
      conflicts += found
    }
    // The entries are changed as they are read, so that none is decoded here: an id two parts
    // hold gets its part's name, paths are shown from the part's root, and a `kb` field says
    // where each comes from.
    var joined: [JoinedPart] = []
    var paths: [String] = []
    var snapshots: [FileSnapshot?] = []
    var diagnostics: [Diagnostic] = []
    let known = vocabulary
    for (p, part) in parts.enumerated() {
      // The ids that need the part's name: those another part holds too.
      let clashes = Set(
        holders.compactMap { $0.value.count > 1 && $0.value.contains(p) ? $0.key : nil })
      let name = part.name
      let id: @Sendable (String) -> String = { clashes.contains($0) ? name + "/" + $0 : $0 }
      let root = part.root
      let path: @Sendable (String) -> String = { KnowledgeBase.join(root, $0) }
      joined.append(
        JoinedPart(
          list: part.entries, id: id, path: path,
          change: { entry in
            entry.id = id(entry.id)
            entry.related = entry.related.map(id)
            entry.path = path(entry.path)
            entry.extra = entry.extra.filter { $0.key != "kb" } + [("kb", .text(name))]
            if let known { Loader.canonicalise(&entry, with: known) }
          }))
      paths += part.files.paths.map(part.displayPath)
      snapshots += part.files.snapshots
      diagnostics += part.diagnostics
    }
    let order = paths.indices.sorted { paths[$0] < paths[$1] }
    var kb = KnowledgeBase(
      root: "", name: parts.map(\.name).joined(separator: " + "), vocabulary: vocabulary,
      entries: EntryList(joining: joined), diagnostics: diagnostics,
      fileCount: parts.reduce(0) { $0 + $1.fileCount },
      failedFiles: parts.reduce(0) { $0 + $1.failedFiles })
    kb.files = FileTable(paths: order.map { paths[$0] }, snapshots: order.map { snapshots[$0] })
    kb.members = parts.map(\.name)
    kb.parser = parts[0].parser
    kb.spill = parts[0].spill
    let keys = parts.compactMap(\.cacheKey)
    if keys.count == parts.count, let first = parts[0].indexCachePath {
      var w = BinaryWriter()
      for (part, key) in zip(parts, keys) {
        w.string(part.name)
        w.fixed64(key)
      }
      kb.cacheKey = Checksum.of(w.bytes)
      // One index for the combination, beside the first one's; each part keeps its own caches.
      var roots = BinaryWriter()
      for part in parts { roots.string(CacheLocation.absolute(part.root)) }
      let folder = first.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        .joined(separator: "/")
      kb.indexCachePath =
        folder + "/combined-" + String(Checksum.of(roots.bytes), radix: 16) + ".index"
    }
    return (kb, conflicts)
  }

  static let empty = KnowledgeBase(root: "", name: "", vocabulary: nil, entries: [])
}
