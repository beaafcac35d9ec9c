import CacheFormat
import Foundation
import KnowledgeModel
import SystemIO

extension SearchIndex {
  /// The index of a knowledge base loaded through the cache: opened from its index file when
  /// that was built from the same content; brought up to date entry by entry when it was built
  /// from nearly the same (`updated(_:to:)`); else built, and written there for next time.
  static func cached(_ knowledgeBase: KnowledgeBase, prefetched: IndexPrefetch? = nil)
    -> SearchIndex
  {
    guard let key = knowledgeBase.cacheKey, let path = knowledgeBase.indexCachePath else {
      return SearchIndex(knowledgeBase)
    }
    let found = prefetched?.result() ?? IndexFile.open(path).flatMap { SearchIndex(file: $0) }
    if let found, found.parts.file?.key == key, found.count == knowledgeBase.entries.count {
      return found
    }
    if let found, let index = updated(found, to: knowledgeBase) {
      requestCompaction(knowledgeBase)
      return index
    }
    return rebuilt(knowledgeBase)
  }

  /// Asks for the index to be built again and written in the background (`safetykb
  /// compact-index`, detached and niced), for a knowledge base large enough to have a watch
  /// daemon: until it is, every load merges the changes into the index on file again, which
  /// costs a one-shot query at 100,000 entries about a third more.
  static func requestCompaction(_ knowledgeBase: KnowledgeBase) {
    guard let use = knowledgeBase.watch, let executable = use.executable,
      knowledgeBase.entries.count >= use.threshold, !knowledgeBase.root.isEmpty
    else { return }
    WatchDaemon.spawnDetached(
      executable, ["compact-index", "--kb", URL(fileURLWithPath: knowledgeBase.root).path])
  }

  /// Builds the index of a knowledge base loaded through the cache again, and writes it, unless
  /// the index on file was built from this very content; whether it did. (`safetykb
  /// compact-index` holds a lock on the file meanwhile, so that two never build at once.)
  public static func compact(_ knowledgeBase: KnowledgeBase) -> Bool {
    guard let key = knowledgeBase.cacheKey, let path = knowledgeBase.indexCachePath else {
      return false
    }
    if let file = IndexFile.open(path), file.key == key { return false }
    _ = rebuilt(knowledgeBase)
    return true
  }

  /// An index built afresh (the one on file was for other content, or turned out damaged),
  /// written over the file when the knowledge base has a cache: written as it is built, and
  /// then read from the file as a warm start reads it, so that the whole index is never held
  /// (at 100,000 entries it is 460 MB). Built in memory when it cannot be written.
  ///
  /// One build of an index at a time (`lockPath`): a process that finds another building it
  /// waits, then takes the index the other wrote when it is of this content, rather than build
  /// it beside it. A first command of a large knowledge base starts the watch daemon as soon as
  /// its entries are read, and the daemon's first load, warm by then, used to build the index
  /// too, on the same two cores, and write it over the command's: a first run at 100,000
  /// entries took 7.6 s instead of 4.7 s.
  ///
  /// `damaged` is the index file found damaged, when that is why: the file at the path is then
  /// taken only when it is another one (written since).
  static func rebuilt(_ knowledgeBase: KnowledgeBase, damaged: IndexFile? = nil) -> SearchIndex {
    guard let key = knowledgeBase.cacheKey, let path = knowledgeBase.indexCachePath else {
      return SearchIndex(knowledgeBase)
    }
    return Files.withLock(lockPath(path)) {
      if let file = IndexFile.open(path), file.key == key,
        damaged.map({ !$0.file.isSameFile(as: file.file) }) ?? true,
        let index = SearchIndex(file: file), index.count == knowledgeBase.entries.count
      {
        return index
      }
      return written(knowledgeBase, to: path, key: key) ?? SearchIndex(knowledgeBase)
    }
  }

  /// The file locked while the index at `path` is built (`rebuilt`).
  static func lockPath(_ path: String) -> String { path + ".lock" }

  /// Builds the index of `knowledgeBase`, writing it to `path` under `key` as it goes (about
  /// `pieceBytes` of the large posting lists held at once), and opens it there; nil when it
  /// could not be written or read back.
  static func written(
    _ knowledgeBase: KnowledgeBase, to path: String, key: UInt64, pieceBytes: Int = 24 << 20,
    shards: Int? = nil
  ) -> SearchIndex? {
    let progress = LoadProgress.shared
    progress.begin(.indexing, total: knowledgeBase.entries.count)
    defer { progress.end() }
    let documents = IndexDocuments(knowledgeBase)
    let wrote = IndexFileWriter.write(path, key: key) { w in
      IndexBuilder.write(
        knowledgeBase.entries, to: &w, pieceBytes: pieceBytes, progress: progress,
        shards: shards)
      if let documents { w.add("documents", documents.encoded) }
    }
    guard wrote, let file = IndexFile.open(path), file.key == key,
      let index = SearchIndex(file: file), index.count == knowledgeBase.entries.count
    else { return nil }
    return index
  }

  /// The index of `knowledgeBase` written as it is built to a scratch folder, opened, and
  /// unlinked at once: read piece by piece from the open file as an index cache is, and gone
  /// when the process ends. Nil when it has too few entries to spill (`KnowledgeBase.spill`),
  /// or could not be written or read back.
  static func spilled(_ knowledgeBase: KnowledgeBase) -> SearchIndex? {
    guard let scratch = knowledgeBase.spill.folder(for: knowledgeBase.entries.count) else {
      return nil
    }
    defer { scratch.remove() }
    return written(knowledgeBase, to: scratch.file("index"), key: knowledgeBase.cacheKey ?? 0)
  }

  /// Changed, added or removed entries up to this many (a fiftieth of the entries, at least 64)
  /// are merged into the index on file at each load; past it, the index is built again.
  static func mergeLimit(_ count: Int) -> Int { max(64, count / 50) }

  /// The index on file brought up to date with `knowledgeBase`, when it was built for the same
  /// vocabulary and settings and at most `mergeLimit` entries were added, changed or removed
  /// since; else nil. Entries are matched by path and content hash.
  static func updated(_ base: SearchIndex, to knowledgeBase: KnowledgeBase) -> SearchIndex? {
    let entries = knowledgeBase.entries
    guard let hashes = knowledgeBase.entryHashes, hashes.count == entries.count,
      let settings = knowledgeBase.settingsKey, let documents = base.documents.get,
      documents.settings == settings, documents.paths.count == base.count
    else { return nil }
    let paths = (0..<entries.count).map { entries.path(at: $0) }
    guard
      let changes = IndexChanges.between(
        old: (documents.paths, documents.hashes), new: (paths, hashes)),
      changes.removed + changes.fresh.count <= mergeLimit(base.count)
    else { return nil }
    return updated(base, changes: changes, entries: entries)
  }

  /// Writes the index as an index file: each part a section (or a pair, for posting lists),
  /// written from where it lies.
  @discardableResult
  func write(to path: String, key: UInt64, documents: IndexDocuments? = nil) -> Bool {
    IndexFileWriter.write(path, key: key) { w in
      write(to: &w)
      if let documents { w.add("documents", documents.encoded) }
    }
  }

  /// The text postings come first, then the rest: an index written as it is built
  /// (`IndexBuilder.write`) makes them first, so that nothing else is held meanwhile, and
  /// writes the same bytes.
  private func write(to w: inout IndexFileWriter) {
    for field in TextField.allCases { text(field).write("text.\(field.rawValue)", to: &w) }
    writeHead(to: &w)
    writeTail(to: &w, maxImpact: maxImpact)
  }

  /// The sections after the text postings: the table of parts, the stems and the words.
  func writeHead(to w: inout IndexFileWriter) {
    var meta = BinaryWriter()
    meta.uint(UInt64(count))
    meta.uint(UInt64(TextField.allCases.count))
    for field in TextField.allCases { meta.uint(UInt64(text(field).totalLength)) }
    let facetNames = Facet.allCases.filter { facet($0) != nil }.map(\.rawValue)
    meta.strings(facetNames)
    let extraKeys = self.extraKeys.filter { extra($0) != nil }
    meta.strings(extraKeys)
    w.add("meta", meta.bytes)
    var stemList = BinaryWriter(capacity: 1 << 20)
    stemList.strings(stems.sorted { $0.value < $1.value }.map(\.key))
    w.add("stems", stemList.bytes)
    let words = parts.words.get
    var wordList = BinaryWriter(capacity: 1 << 20)
    wordList.strings(words.sorted)
    w.add("words", wordList.bytes)
    w.add("words.numbers", words.numbers)
  }

  /// The sections after those of `writeHead`: the value fields, dates, orders, listing and the
  /// stems' impacts (given, since an index written as it is built has them only then).
  func writeTail(to w: inout IndexFileWriter, maxImpact: [Float]) {
    for facet in Facet.allCases { self.facet(facet)?.write("facet." + facet.rawValue, to: &w) }
    ids.write("ids", to: &w)
    related.write("related", to: &w)
    for key in extraKeys { extra(key)?.write("extra." + key, to: &w) }
    for (name, array) in [
      ("dateLower", dateLower), ("dateUpper", dateUpper), ("titleRank", titleRank),
      ("idRank", idRank), ("titleOrder", titleOrder),
    ] {
      w.add(name, array)
    }
    let listing = self.listing
    w.add("listing.bytes", listing.bytes)
    w.add("listing.spans", listing.spans)
    w.add("maxImpact", maxImpact.map(\.bitPattern))
  }

  /// The index in an index file, its parts read when first used; nil when its table of parts
  /// does not decode.
  init?(file: IndexFile) {
    guard let metaBytes = file.bytes("meta") else { return nil }
    var meta = BinaryReader(metaBytes)
    guard let total = try? meta.uint(), total <= UInt64(Int32.max), let fields = try? meta.count(),
      fields == TextField.allCases.count
    else { return nil }
    let count = Int(total)
    var totals: [Int] = []
    for _ in 0..<fields {
      guard let total = try? meta.uint() else { return nil }
      totals.append(Int(total))
    }
    let fieldTotals = totals
    guard let facetNames = try? meta.strings(), let extraKeys = try? meta.strings(), meta.isAtEnd
    else { return nil }
    let facets = facetNames.compactMap(Facet.init(rawValue:))
    guard facets.count == facetNames.count else { return nil }

    func array(_ name: String, inRange: Bool = false) -> Memo<[Int32]> {
      Memo {
        guard let values = file.int32s(name), values.count == count,
          !inRange || values.allSatisfy({ $0 >= 0 && Int($0) < count })
        else {
          file.markDamaged()
          return [Int32](repeating: 0, count: count)
        }
        return values
      }
    }
    @Sendable func strings(_ name: String) -> [String] {
      guard let bytes = file.bytes(name) else { return [] }
      var r = BinaryReader(bytes)
      guard let list = try? r.strings(), r.isAtEnd else {
        file.markDamaged()
        return []
      }
      return list
    }
    let stems = Memo {
      var map: [String: Int32] = [:]
      let list = strings("stems")
      map.reserveCapacity(list.count)
      for (n, s) in list.enumerated() { map[s] = Int32(n) }
      return map
    }
    let words = Memo {
      let sorted = strings("words")
      guard let numbers = file.int32s("words.numbers"), numbers.count == sorted.count else {
        file.markDamaged()
        return IndexParts.Words()
      }
      return IndexParts.Words(sorted: sorted, numbers: numbers)
    }
    let text = TextField.allCases.map { field in
      Memo {
        let name = "text.\(field.rawValue)"
        var postings = FieldPostings()
        guard let docs = PostingLists(file: file, name: name + ".docs"),
          let starts = PostingLists(file: file, name: name + ".starts"),
          let positions = PostingLists(file: file, name: name + ".positions"),
          let wordDocs = PostingLists(file: file, name: name + ".wordDocs"),
          let lengths = file.int32s(name + ".lengths"), lengths.count == count
        else {
          file.markDamaged()
          postings.lengths = [Int32](repeating: 0, count: count)
          return postings
        }
        postings.docs = docs
        postings.starts = starts
        postings.positions = positions
        postings.wordDocs = wordDocs
        postings.lengths = lengths
        postings.totalLength = fieldTotals[field.rawValue]
        return postings
      }
    }
    func values(_ name: String) -> Memo<ValuePostings> {
      Memo { ValuePostings(file: file, name: name) ?? ValuePostings() }
    }
    var facetMemos: [Facet: Memo<ValuePostings>] = [:]
    for facet in facets { facetMemos[facet] = values("facet." + facet.rawValue) }
    var extras: [String: Memo<ValuePostings>] = [:]
    for key in extraKeys { extras[key] = values("extra." + key) }
    let listing = Memo {
      guard let bytes = file.bytes("listing.bytes"), let spans = file.uint32s("listing.spans")
      else {
        file.markDamaged()
        return Listing.unlisted(count: count)
      }
      let listing = Listing(bytes: bytes, spans: spans)
      guard listing.isInBounds(count: count) else {
        file.markDamaged()
        return Listing.unlisted(count: count)
      }
      return listing
    }
    let maxImpact = Memo {
      let stemCount = stems.get.count
      guard let bits = file.uint32s("maxImpact"), bits.count == stemCount else {
        file.markDamaged()
        return [Float](repeating: .infinity, count: stemCount)
      }
      return bits.map { Float(bitPattern: $0) }
    }
    self.init(
      count: count,
      parts: IndexParts(
        file: file, stems: stems, words: words, text: text, facets: facetMemos,
        ids: values("ids"), related: values("related"), extras: extras,
        dateLower: array("dateLower"), dateUpper: array("dateUpper"),
        titleRank: array("titleRank", inRange: true), idRank: array("idRank", inRange: true),
        titleOrder: array("titleOrder", inRange: true), listing: listing,
        maxImpact: maxImpact))
    documents = Memo { IndexDocuments(file: file) }
  }
}

extension FieldPostings {
  /// Writes the postings as the sections `name.docs`, `.starts`, `.positions`, `.wordDocs`
  /// (two each) and `name.lengths`.
  func write(_ name: String, to w: inout IndexFileWriter) {
    docs.write(name + ".docs", to: &w)
    starts.write(name + ".starts", to: &w)
    positions.write(name + ".positions", to: &w)
    wordDocs.write(name + ".wordDocs", to: &w)
    w.add(name + ".lengths", lengths)
  }
}

extension ValuePostings {
  func write(_ name: String, to w: inout IndexFileWriter) {
    var keys = BinaryWriter()
    keys.strings(sortedValues)
    keys.strings(pathNames)
    keys.strings(segmentNames)
    keys.uint(UInt64(spelling.count))
    for key in spelling.keys.sorted() {
      keys.string(key)
      keys.string(spelling[key]!)
    }
    keys.uint(UInt64(total))
    w.add(name + ".keys", keys.bytes)
    exactLists.write(name + ".exact", to: &w)
    pathLists.write(name + ".paths", to: &w)
    segmentLists.write(name + ".segments", to: &w)
  }

  /// The postings in sections `name.…` of a file, or nil (the file is marked damaged).
  init?(file: IndexFile, name: String) {
    guard let bytes = file.bytes(name + ".keys"),
      let exact = PostingLists(file: file, name: name + ".exact"),
      let paths = PostingLists(file: file, name: name + ".paths"),
      let segments = PostingLists(file: file, name: name + ".segments")
    else {
      file.markDamaged()
      return nil
    }
    var r = BinaryReader(bytes)
    do {
      let values = try r.strings()
      let pathNames = try r.strings()
      let segmentNames = try r.strings()
      var spelling: [String: String] = [:]
      for _ in 0..<(try r.count()) { spelling[try r.string()] = try r.string() }
      let total = Int(try r.uint())
      guard r.isAtEnd, values.count == exact.count, pathNames.count == paths.count,
        segmentNames.count == segments.count
      else { throw BinaryReader.Damaged() }
      self.init(
        sortedValues: values, exactLists: exact, pathNames: pathNames, pathLists: paths,
        segmentNames: segmentNames, segmentLists: segments, spelling: spelling, total: total)
    } catch {
      file.markDamaged()
      return nil
    }
  }
}

extension SearchIndex {
  /// Reads every part and every list (an index file read whole, each chunk checked): whether it
  /// all reads back sound.
  func readEverything() -> Bool {
    _ = (stems, parts.words.get, ids, related, dateLower, dateUpper, titleRank, idRank)
    _ = (titleOrder, listing, maxImpact)
    var lists: [PostingLists] = []
    for field in TextField.allCases {
      let t = text(field)
      lists += [t.docs, t.starts, t.positions, t.wordDocs]
    }
    for values in Facet.allCases.compactMap(facet) + extraKeys.compactMap(extra) + [ids, related] {
      lists += [values.exactLists, values.pathLists, values.segmentLists]
    }
    for list in lists { _ = list.arrays() }
    return !isDamaged
  }
}

/// What an index was built from, entry by entry, kept in its file so that a later load can bring
/// it up to date: each entry's path and its file's content hash, in entry order, and a key for
/// the settings every entry depends on (vocabulary, format).
struct IndexDocuments: Equatable {
  var settings: UInt64
  var paths: [String]
  var hashes: [UInt64]

  /// The documents of a knowledge base loaded through the cache, or nil.
  init?(_ knowledgeBase: KnowledgeBase) {
    guard let settings = knowledgeBase.settingsKey, let hashes = knowledgeBase.entryHashes,
      hashes.count == knowledgeBase.entries.count
    else { return nil }
    self.settings = settings
    paths = (0..<hashes.count).map { knowledgeBase.entries.path(at: $0) }
    self.hashes = hashes
  }

  /// The documents kept in an index file, or nil when it has none (or they do not decode: the
  /// file is then marked damaged).
  init?(file: IndexFile) {
    guard file.has("documents") else { return nil }
    guard let bytes = file.bytes("documents") else { return nil }
    var r = BinaryReader(bytes)
    do {
      settings = try r.fixed64()
      paths = try r.strings()
      var hashes: [UInt64] = []
      hashes.reserveCapacity(paths.count)
      for _ in paths { hashes.append(try r.fixed64()) }
      self.hashes = hashes
      guard r.isAtEnd else { throw BinaryReader.Damaged() }
    } catch {
      file.markDamaged()
      return nil
    }
  }

  var encoded: [UInt8] {
    var w = BinaryWriter(capacity: paths.count * 32 + 16)
    w.fixed64(settings)
    w.strings(paths)
    for hash in hashes { w.fixed64(hash) }
    return w.bytes
  }
}
