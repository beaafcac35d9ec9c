import Foundation
import KnowledgeModel
import TestSupport
import Testing

@testable import QueryEngine

/// An index on file brought up to date with entries added, changed and removed is, part for
/// part and answer for answer, the index built afresh.
@Suite struct IndexUpdateTests {
  static let words = [
    "alpha", "beta", "gamma", "delta", "epsilon", "review", "reviews", "safety", "culture",
    "incident", "critical", "learning",
  ]
  static let tags = ["a", "A", "b", "a/x", "A/x", "b/Y", "c/x/z", "Team-Care", "team-care"]

  /// A random entry at `path`, its id chosen from a few so that ids repeat and differ in case.
  static func entry(_ path: String, _ g: inout SeededGenerator) -> Entry {
    func text(_ most: Int) -> String {
      (0..<Int.random(in: 0...most, using: &g)).map { _ in words.randomElement(using: &g)! }
        .joined(separator: " ")
    }
    let n = Int.random(in: 0..<60, using: &g)
    let title = ["Review", "review", "Safety huddles", "A long title " + text(3), ""].randomElement(
      using: &g)!
    var extra: [(key: String, value: FieldValue)] = []
    if Bool.random(using: &g) {
      extra.append(("Program", .text(["Pilot", "pilot", "Rollout"].randomElement(using: &g)!)))
    }
    if Bool.random(using: &g) { extra.append(("cohort", .list(["x", "Y"]))) }
    return Entry(
      id: Bool.random(using: &g) ? "e\(n)" : "E\(n)", title: title,
      kind: ["principle", "practice", "lesson", nil].randomElement(using: &g)!,
      summary: Bool.random(using: &g) ? text(5) : nil,
      tags: Array(tags.shuffled(using: &g).prefix(Int.random(in: 0...3, using: &g))),
      offices: Bool.random(using: &g) ? ["la-dcfs/regional/Lancaster"] : ["la-dcfs/hq"],
      date: Bool.random(using: &g)
        ? PartialDate(year: Int.random(in: 2015...2024, using: &g)) : nil,
      sources: [SourceReference(title: text(2), url: "https://example.org/" + text(1))],
      related: Bool.random(using: &g) ? ["e\(Int.random(in: 0..<60, using: &g))"] : [],
      extra: extra, body: text(30), path: path)
  }

  /// Entries and their content hashes, in path order.
  struct Version {
    var entries: [Entry] = []
    var hashes: [UInt64] = []

    var paths: [String] { entries.map(\.path) }
    var knowledgeBase: KnowledgeBase {
      KnowledgeBase(root: "", name: "random", vocabulary: nil, entries: entries)
    }
  }

  static func base(_ g: inout SeededGenerator, count: Int) -> Version {
    var v = Version()
    for i in 0..<count {
      v.entries.append(entry(String(format: "lessons/e%03d.md", i * 2), &g))
      v.hashes.append(g.next())
    }
    return v
  }

  /// `old` with `removals` entries removed, `edits` changed and `additions` added (between the
  /// others, and at both ends).
  static func changed(
    _ old: Version, _ g: inout SeededGenerator, removals: Int, edits: Int, additions: Int
  ) -> Version {
    var byPath: [String: (Entry, UInt64)] = [:]
    for (e, h) in zip(old.entries, old.hashes) { byPath[e.path] = (e, h) }
    var paths = old.paths.shuffled(using: &g)
    for _ in 0..<min(removals, paths.count) { byPath[paths.removeLast()] = nil }
    for path in paths.prefix(edits) {
      // An edit may keep the entry as it was but for its hash, or change anything.
      let entry = Bool.random(using: &g) ? byPath[path]!.0 : entry(path, &g)
      byPath[path] = (entry, g.next())
    }
    for _ in 0..<additions {
      let n = Int.random(in: -1...(old.entries.count * 2), using: &g)
      let path = n < 0 ? "a-first.md" : String(format: "lessons/e%03d.md", n * 2 + 1)
      byPath[path] = (entry(path, &g), g.next())
    }
    var v = Version()
    for path in byPath.keys.sorted() {
      v.entries.append(byPath[path]!.0)
      v.hashes.append(byPath[path]!.1)
    }
    return v
  }

  /// The base's index, written to a file and opened from it as a load would.
  static func onFile(_ index: SearchIndex, _ folder: TemporaryFolder, _ name: String) throws
    -> SearchIndex
  {
    let path = folder.path + "/" + name
    #expect(index.write(to: path, key: 1))
    let file = try #require(IndexFile.open(path))
    return try #require(SearchIndex(file: file))
  }

  static let queries =
    IndexCacheTests.queries + [
      "tag:a", "tag:A/x", "tag:team-care | count by tag", "* | count by tag", "id:e1*",
      "program:pilot", "* | count by program", "cohort:y", "related:e3", "rev*",
      "review | fields id,score,title", "? safety culture reviews", "\"critical incident\"",
      "date:2018..2020 | sort date", "* | sort title", "* | sort id desc", "title:review",
      "* | count by kind, year", "similar:e3", "saftey", "* | count by office depth 2",
      "* | count by month", "* | count by date", "tag:a | count by tag, kind",
      "rev* | fields id,snippet", "id:e1 OR id:E2 | fields id,title,kind,date",
      "* | sort date desc | limit 5",
    ]

  /// Every part of `updated` is that of `fresh`; stems and words only the entries gone had are
  /// left with empty lists, and best match's bounds may be looser, never tighter.
  static func expectSameParts(_ updated: SearchIndex, _ fresh: SearchIndex) {
    #expect(updated.count == fresh.count)
    for field in TextField.allCases {
      let u = updated.text(field)
      let f = fresh.text(field)
      #expect(u.lengths == f.lengths)
      #expect(u.totalLength == f.totalLength)
      for (stem, n) in updated.stems {
        guard let m = fresh.stems[stem] else {
          #expect(u.docs[Int(n)].isEmpty, "stem \(stem) should have no entries")
          continue
        }
        #expect(u.docs[Int(n)].array == f.docs[Int(m)].array, "stem \(stem) in \(field)")
        #expect(u.starts[Int(n)].array == f.starts[Int(m)].array)
        #expect(u.positions[Int(n)].array == f.positions[Int(m)].array)
      }
      let uw = updated.parts.words.get
      let fw = fresh.parts.words.get
      let freshWords = Dictionary(uniqueKeysWithValues: zip(fw.sorted, fw.numbers))
      #expect(uw.sorted == uw.sorted.sorted())
      for (word, n) in zip(uw.sorted, uw.numbers) {
        guard let m = freshWords[word] else {
          #expect(u.wordDocs[Int(n)].isEmpty)
          continue
        }
        #expect(u.wordDocs[Int(n)].array == f.wordDocs[Int(m)].array, "word \(word)")
      }
      #expect(Set(fw.sorted).isSubset(of: Set(uw.sorted)))
    }
    #expect(Set(fresh.stems.keys).isSubset(of: Set(updated.stems.keys)))
    let impact = updated.maxImpact
    for (stem, m) in fresh.stems {
      #expect(impact[Int(updated.stems[stem]!)] >= fresh.maxImpact[Int(m)], "bound of \(stem)")
    }
    func same(_ u: ValuePostings?, _ f: ValuePostings?, _ what: String) {
      #expect(u?.sortedValues == f?.sortedValues, "\(what) values")
      #expect(u?.exactLists.arrays().values == f?.exactLists.arrays().values, "\(what) lists")
      #expect(u?.exactLists.arrays().offsets == f?.exactLists.arrays().offsets)
      #expect(u?.pathNames == f?.pathNames)
      #expect(u?.pathLists.arrays().values == f?.pathLists.arrays().values)
      #expect(u?.segmentNames == f?.segmentNames)
      #expect(u?.segmentLists.arrays().values == f?.segmentLists.arrays().values)
      #expect(u?.spelling == f?.spelling, "\(what) spelling")
      #expect(u?.total == f?.total)
    }
    for facet in Facet.allCases { same(updated.facet(facet), fresh.facet(facet), facet.rawValue) }
    #expect(updated.extraKeys == fresh.extraKeys)
    same(updated.ids, fresh.ids, "id")
    same(updated.related, fresh.related, "related")
    for key in Set(updated.extraKeys + fresh.extraKeys) {
      same(updated.extra(key), fresh.extra(key), key)
    }
    #expect(updated.dateLower == fresh.dateLower)
    #expect(updated.dateUpper == fresh.dateUpper)
    #expect(updated.titleOrder == fresh.titleOrder)
    #expect(updated.titleRank == fresh.titleRank)
    #expect(updated.idRank == fresh.idRank)
    #expect(updated.listing == fresh.listing)
  }

  @Test(arguments: 0..<24)
  func anUpdatedIndexIsTheIndexBuiltAfresh(_ seed: Int) throws {
    var g = SeededGenerator(state: UInt64(seed) &* 104_729 &+ 17)
    let folder = try TemporaryFolder(prefix: "safetykb-update")
    let old = Self.base(&g, count: Int.random(in: 0..<50, using: &g))
    let new = Self.changed(
      old, &g, removals: Int.random(in: 0...4, using: &g), edits: Int.random(in: 0...5, using: &g),
      additions: Int.random(in: 0...4, using: &g))
    let base = try Self.onFile(SearchIndex(old.knowledgeBase), folder, "base")
    let changes = try #require(
      IndexChanges.between(old: (old.paths, old.hashes), new: (new.paths, new.hashes)))
    let kb = new.knowledgeBase
    let updated = SearchIndex.updated(base, changes: changes, entries: kb.entries)
    let fresh = SearchIndex(kb)
    Self.expectSameParts(updated, fresh)
    #expect(!updated.isDamaged)
    for query in Self.queries {
      #expect(Self.answer(query, updated, kb) == Self.answer(query, fresh, kb), "\(query)")
    }
  }

  /// A query's output, or its error as the user reads it.
  static func answer(_ query: String, _ index: SearchIndex, _ kb: KnowledgeBase) -> String {
    do {
      return "\(try Searcher.run(query, on: index, kb))"
    } catch {
      return "error: \(error)"
    }
  }

  /// Through the loader and the cache: an edit, an addition and a removal are merged into the
  /// index on file, which is left as it was; a new vocabulary, or more changes than the limit,
  /// build the index again and write it.
  @Test func aLoadMergesChangesIntoTheIndexOnFile() throws {
    let kb = try TemporaryFolder(copying: FixturePaths.smallKB)
    let cache = try TemporaryFolder(prefix: "safetykb-cache")
    let location = CacheLocation(directory: cache.path)
    func loaded() throws -> (KnowledgeBase, Searcher) {
      let knowledgeBase = try Loader.load(kb.path, cache: location)
      return (knowledgeBase, Searcher(cachedFor: knowledgeBase))
    }
    func expectFreshAnswers(_ searcher: Searcher) throws {
      let fresh = Searcher(try Loader.load(kb.path))
      for query in IndexCacheTests.queries + ["zebra", "tag:supervision | count by tag"] {
        #expect(
          try searcher.run(query).output == fresh.run(query).output, "\(query)")
      }
    }
    let (first, _) = try loaded()
    let indexFile = try #require(first.indexCachePath)
    let file = try #require(IndexFile.open(indexFile))
    #expect(file.key == first.cacheKey)
    #expect(IndexDocuments(file: file) == IndexDocuments(first))

    try kb.write(
      "lessons/zebra.md",
      Fixtures.entry(id: "zebra", title: "Zebra crossing", tags: ["supervision"], body: "Stripes."))
    try FileManager.default.removeItem(atPath: kb.path + "/lessons/undated.md")
    let edited = kb.path + "/practices/supervisor-huddles.md"
    let text = try String(contentsOfFile: edited, encoding: .utf8)
    try (text + "\nHuddles end with a zebra question.\n").write(
      toFile: edited, atomically: true, encoding: .utf8)
    let (second, merged) = try loaded()
    #expect(merged.index.parts.file?.key == first.cacheKey)
    #expect(second.cacheKey != first.cacheKey)
    #expect(merged.index.count == first.entries.count)
    try expectFreshAnswers(merged)
    #expect(IndexFile.open(indexFile)?.key == first.cacheKey)

    // Past the limit, the index is built again and written.
    for n in 0..<SearchIndex.mergeLimit(9) {
      try kb.write("lessons/more-\(n).md", Fixtures.entry(title: "More \(n)", body: "Word \(n)."))
    }
    let (third, rebuilt) = try loaded()
    // (An index built afresh is written as it is built, and read from the file it wrote.)
    #expect(rebuilt.index.parts.file?.key == third.cacheKey)
    #expect(rebuilt.index.parts.base == nil)
    #expect(IndexFile.open(indexFile)?.key == third.cacheKey)
    try expectFreshAnswers(rebuilt)

    // A vocabulary changed changes every entry it canonicalises: built again.
    try kb.write("lessons/zebra.md", Fixtures.entry(title: "Zebra, edited", tags: ["cir"]))
    let vocabulary = kb.path + "/vocabulary.yaml"
    let words = try String(contentsOfFile: vocabulary, encoding: .utf8)
    try words.replacingOccurrences(of: "aliases: [cir]", with: "aliases: [cir, zebra]").write(
      toFile: vocabulary, atomically: true, encoding: .utf8)
    let (fourth, afresh) = try loaded()
    #expect(afresh.index.parts.file?.key == fourth.cacheKey)
    #expect(afresh.index.parts.base == nil)
    #expect(IndexFile.open(indexFile)?.key == fourth.cacheKey)
    try expectFreshAnswers(afresh)
  }

  /// The index on file damaged under an index brought up to date from it: every answer is
  /// still that of a fresh index (the damage is found, and the index built again).
  @Test(arguments: ["truncated to half", "zeros", "flipped everywhere"])
  func damageUnderAnUpdatedIndexIsFound(_ damage: String) throws {
    let kb = try TemporaryFolder(copying: FixturePaths.smallKB)
    let cache = try TemporaryFolder(prefix: "safetykb-cache")
    let location = CacheLocation(directory: cache.path)
    _ = Searcher(cachedFor: try Loader.load(kb.path, cache: location))
    try kb.write(
      "lessons/zebra.md",
      Fixtures.entry(id: "zebra", title: "Zebra crossing", tags: ["supervision"], body: "Stripes."))
    let loaded = try Loader.load(kb.path, cache: location)
    let searcher = Searcher(cachedFor: loaded)
    #expect(searcher.index.isUpdate)
    let indexPath = try #require(loaded.indexCachePath)
    let size = Int(try #require(FileStamp.of(indexPath)).size)
    let fd = open(indexPath, O_WRONLY)
    #expect(fd >= 0)
    switch damage {
    case "truncated to half": #expect(ftruncate(fd, off_t(size / 2)) == 0)
    case "zeros":
      let zeros = [UInt8](repeating: 0, count: size - IndexFile.headerSize)
      #expect(pwrite(fd, zeros, zeros.count, off_t(IndexFile.headerSize)) == zeros.count)
    default:
      var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: indexPath)))
      for i in stride(from: IndexFile.headerSize, to: bytes.count, by: 61) { bytes[i] ^= 0x55 }
      #expect(pwrite(fd, bytes, bytes.count, 0) == bytes.count)
    }
    close(fd)
    let fresh = Searcher(try Loader.load(kb.path))
    func outcome(_ s: Searcher, _ query: String) -> String {
      do {
        return "\(try s.run(query).output)"
      } catch {
        return "error: \(error)"
      }
    }
    #expect(searcher.mostSimilar(to: "zebra") == fresh.mostSimilar(to: "zebra"))
    for query in Self.queries + ["zebra"] {
      #expect(outcome(searcher, query) == outcome(fresh, query), "\(damage): \(query)")
    }
    #expect(!searcher.index.isUpdate, "built again once the damage was found")
  }

  @Test func changesMatchEntriesByPathAndHash() throws {
    let old = (paths: ["a", "b", "c", "d"], hashes: [UInt64]([1, 2, 3, 4]))
    let new = (paths: ["a", "bb", "c", "d", "e"], hashes: [UInt64]([1, 9, 7, 4, 5]))
    let changes = try #require(IndexChanges.between(old: old, new: new))
    #expect(changes.count == 5)
    #expect(changes.renumbered == [0, -1, -1, 3])
    #expect(changes.fresh == [1, 2, 4])
    #expect(changes.origin == [0, -1, -2, 3, -3])
    #expect(changes.removed == 2)
    #expect(changes.merge([0, 1, 2, 3], [0, 2]) == [0, 1, 3, 4])
    // Paths out of order cannot be matched: the index is built again.
    #expect(IndexChanges.between(old: (["b", "a"], [1, 2]), new: new) == nil)
    #expect(IndexChanges.between(old: old, new: (["a", "a"], [1, 1])) == nil)
    #expect(try #require(IndexChanges.between(old: old, new: old)).isEmpty)
  }
}
