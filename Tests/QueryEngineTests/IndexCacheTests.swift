import CacheFormat
import Foundation
import KnowledgeModel
import TestSupport
import Testing

@testable import QueryEngine

@Suite struct IndexCacheTests {
  static let queries = [
    "*", "tag:safety-culture", "office:la-dcfs", "reviews", "\"critical incident\"", "incid*",
    "kind:practice | count by office", "date:2019..2021 | sort date desc", "id:*",
    "reviews | fields id,score,title", "outcome:* | count by outcome", "title:learning",
    "? critical incident reviews after hard visits", "? \"critical incident\" supervisor",
    "similar:just-culture", "culture", "tag:*culture", "* | count by office depth 1",
    "* | count by office, year", "safety | fields id,snippet",
  ]

  /// Whether the index file at `path` opens for `key` and every part of it reads back whole.
  static func readsWhole(_ path: String, key: UInt64?) -> Bool {
    guard let key, let file = IndexFile.open(path), file.key == key,
      let index = SearchIndex(file: file)
    else { return false }
    return index.readEverything()
  }

  /// A build of an index waits for another process building the same one (the lock held
  /// here), and then takes the index that one wrote rather than build it again: no index is
  /// written while the lock is held, and the file written under it is the one kept.
  @Test func aBuildWaitsForAnotherAndTakesTheIndexItWrote() throws {
    let cache = try TemporaryFolder(prefix: "safetykb-cache")
    let kb = try Loader.load(FixturePaths.smallKB, cache: CacheLocation(directory: cache.path))
    let path = try #require(kb.indexCachePath)
    let key = try #require(kb.cacheKey)
    #expect(!FileManager.default.fileExists(atPath: path))
    // Another builder holds the lock.
    let lock = open(SearchIndex.lockPath(path), O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    #expect(lock >= 0 && flock(lock, LOCK_EX) == 0)
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var waited: SearchIndex?
    DispatchQueue.global().async {
      waited = SearchIndex.cached(kb)
      done.signal()
    }
    // Built without waiting, this small index would be written well within this time.
    let waiting = done.wait(timeout: .now() + .milliseconds(500)) == .timedOut
    #expect(waiting, "the build waits for the lock")
    #expect(!FileManager.default.fileExists(atPath: path), "nothing written while locked")
    // The other builder writes the index and lets go.
    #expect(SearchIndex.written(kb, to: path, key: key) != nil)
    let theirs = try #require(FileStamp.of(path)).inode
    flock(lock, LOCK_UN)
    close(lock)
    if waiting { done.wait() }
    #expect(try #require(FileStamp.of(path)).inode == theirs, "not built again")
    #expect(waited?.parts.file?.key == key)
    #expect(try outputs(Searcher(kb, index: waited!)) == outputs(Searcher(kb)))
  }

  func outputs(_ searcher: Searcher) throws -> [QueryOutput] {
    try Self.queries.map { try searcher.run($0).output }
  }

  @Test func aCachedIndexAnswersAsAFreshOne() throws {
    let cache = try TemporaryFolder(prefix: "safetykb-cache")
    let location = CacheLocation(directory: cache.path)
    let fresh = try outputs(Searcher(try Loader.load(FixturePaths.smallKB)))
    let building = try Loader.load(FixturePaths.smallKB, cache: location)
    #expect(try outputs(Searcher(cachedFor: building)) == fresh)
    let indexFile = try #require(building.indexCachePath)
    #expect(Self.readsWhole(indexFile, key: building.cacheKey))
    let warm = Searcher(cachedFor: try Loader.load(FixturePaths.smallKB, cache: location))
    #expect(warm.index.parts.file != nil)
    #expect(try outputs(warm) == fresh)
    // Best match's bounds are kept in the file, per stem, as they were built.
    let built = SearchIndex(try Loader.load(FixturePaths.smallKB))
    #expect(warm.index.stems == built.stems)
    #expect(warm.index.maxImpact == built.maxImpact)

    var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: indexFile)))
    bytes[bytes.count / 2] ^= 0x10
    try Data(bytes).write(to: URL(fileURLWithPath: indexFile))
    #expect(!Self.readsWhole(indexFile, key: building.cacheKey))
    // The damage is found when the damaged part is read, here by reading everything; the next
    // query then runs on an index built afresh, which is written over the damaged file.
    let damaged = Searcher(cachedFor: try Loader.load(FixturePaths.smallKB, cache: location))
    #expect(try outputs(damaged) == fresh)
    #expect(!damaged.index.readEverything())
    #expect(try outputs(damaged) == fresh)
    // (Read from the file it was written to as it was built: this one is whole.)
    #expect(damaged.index.parts.file?.key == building.cacheKey)
    #expect(damaged.index.readEverything())
    #expect(Self.readsWhole(indexFile, key: building.cacheKey))
  }

  /// A prefetched index is used when it was built from what is loaded, and ignored (the index
  /// is rebuilt) when the knowledge base changed after the cache was written.
  @Test func aPrefetchedIndexIsUsedOnlyForTheSameContent() throws {
    let kb = try TemporaryFolder(copying: FixturePaths.smallKB)
    let cache = try TemporaryFolder(prefix: "safetykb-cache")
    let location = CacheLocation(directory: cache.path)
    _ = Searcher(cachedFor: try Loader.load(kb.path, cache: location))

    let same = IndexPrefetch(path: location.indexFile(forRoot: kb.path))
    let loaded = try Loader.load(kb.path, cache: location)
    #expect(same.result()?.parts.file?.key == loaded.cacheKey)
    #expect(
      try outputs(Searcher(cachedFor: loaded, prefetched: same))
        == outputs(Searcher(cachedFor: loaded)))

    let stale = IndexPrefetch(path: location.indexFile(forRoot: kb.path))
    try kb.write("lessons/zebra.md", Fixtures.entry(title: "Zebra crossing", tags: ["supervision"]))
    let changed = try Loader.load(kb.path, cache: location)
    #expect(stale.result() != nil)
    #expect(stale.result()?.parts.file?.key != changed.cacheKey)
    let searcher = Searcher(cachedFor: changed, prefetched: stale)
    #expect(searcher.index.count == 9)
    #expect(try searcher.run("zebra").found)
  }

  @Test func anIndexForOtherContentIsNotUsed() throws {
    let folder = try TemporaryFolder(prefix: "safetykb-cache")
    let path = folder.path + "/index"
    let index = SearchIndex(try Loader.load(FixturePaths.smallKB))
    #expect(index.write(to: path, key: 1))
    #expect(!Self.readsWhole(path, key: 2))
    #expect(Self.readsWhole(path, key: 1))
    #expect(SearchIndex(file: try #require(IndexFile.open(path)))?.count == index.count)
  }

  /// Every chunk is checked before use: damage anywhere in the file, a file cut short or made
  /// longer, is refused when the file is opened or found when the damaged part is read, never
  /// trusted.
  @Test func damageAnywhereIsFound() throws {
    let folder = try TemporaryFolder(prefix: "safetykb-cache")
    let path = folder.path + "/index"
    SearchIndex(try Loader.load(FixturePaths.smallKB)).write(to: path, key: 1)
    let good = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    func readsWhole(_ bytes: [UInt8]) throws -> Bool {
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      return Self.readsWhole(path, key: 1)
    }
    #expect(try readsWhole(good))
    for offset in stride(from: 0, to: good.count, by: max(1, good.count / 211)) {
      var bytes = good
      bytes[offset] ^= 0x20
      // Padding between sections is covered by no checksum and read by nothing.
      if try readsWhole(bytes) {
        #expect(bytes != good && Self.isPadding(offset, in: good), "byte \(offset)")
      }
    }
    for cut in [1, 17, good.count / 2] {
      #expect(!(try readsWhole(Array(good.dropLast(cut)))), "cut \(cut)")
    }
    #expect(!(try readsWhole(good + [0])))
  }

  /// Whether `offset` lies in the zeros written to start a section on a 64-byte boundary.
  static func isPadding(_ offset: Int, in file: [UInt8]) -> Bool {
    file[offset] == 0 && offset >= IndexFile.headerSize
      && file[offset..<min(file.count, (offset + 64) & ~63)].allSatisfy { $0 == 0 }
  }
}

/// A file changed under a searcher that has it open: cut short, overwritten in place or replaced
/// by another file. The searcher notices when it reads the part it needs, answers again from an
/// index built afresh, and never crashes or answers wrongly.
@Suite struct IndexChangedUnderUseTests {
  enum Change: String, CaseIterable {
    case truncatedToZero, truncatedToHalf, overwrittenWithZeros, flippedEverywhere, replaced
    case removed
  }

  @Test(arguments: Change.allCases)
  func aSearcherSurvives(_ change: Change) throws {
    let cache = try TemporaryFolder(prefix: "safetykb-cache")
    let location = CacheLocation(directory: cache.path)
    let fresh = try IndexCacheTests.queries.map {
      try Searcher(try Loader.load(FixturePaths.smallKB)).run($0).output
    }
    _ = Searcher(cachedFor: try Loader.load(FixturePaths.smallKB, cache: location))
    let kb = try Loader.load(FixturePaths.smallKB, cache: location)
    let searcher = Searcher(cachedFor: kb)
    #expect(searcher.index.parts.file != nil)
    let path = try #require(kb.indexCachePath)
    let size = Int(try #require(FileStamp.of(path)).size)
    let fd = open(path, O_WRONLY)
    #expect(fd >= 0)
    switch change {
    case .truncatedToZero: #expect(ftruncate(fd, 0) == 0)
    case .truncatedToHalf: #expect(ftruncate(fd, off_t(size / 2)) == 0)
    case .overwrittenWithZeros:
      let zeros = [UInt8](repeating: 0, count: size - IndexFile.headerSize)
      #expect(pwrite(fd, zeros, zeros.count, off_t(IndexFile.headerSize)) == zeros.count)
    case .flippedEverywhere:
      var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
      for i in stride(from: IndexFile.headerSize, to: bytes.count, by: 61) { bytes[i] ^= 0x55 }
      #expect(pwrite(fd, bytes, bytes.count, 0) == bytes.count)
    case .replaced:
      let other = SearchIndex(
        KnowledgeBase(
          root: "", name: "other", vocabulary: nil,
          entries: [Entry(id: "x", title: "reviews", body: "reviews")]))
      #expect(other.write(to: path, key: try #require(kb.cacheKey)))
    case .removed: #expect(unlink(path) == 0)
    }
    close(fd)
    // Likeness reads the index outside any query: its answer is checked for damage too.
    let similar = Searcher(try Loader.load(FixturePaths.smallKB)).mostSimilar(to: "just-culture")
    #expect(!similar.isEmpty)
    #expect(searcher.mostSimilar(to: "just-culture") == similar, "\(change)")
    for (query, expected) in zip(IndexCacheTests.queries, fresh) {
      #expect(try searcher.run(query).output == expected, "\(change): \(query)")
    }
    #expect(try searcher.explain("reviews").contains("total:"))
  }
}

/// An index built in shards and joined is the index one builder makes: the same file, byte for
/// byte, whatever the number of shards.
@Suite struct ShardedBuildTests {
  @Test(arguments: [2, 3, 8])
  func shardsMakeTheSameIndex(_ shards: Int) throws {
    let kb = try Loader.load(FixturePaths.smallKB)
    let folder = try TemporaryFolder(prefix: "safetykb-shards")
    let one = IndexBuilder.build(kb.entries, shards: 1)
    let many = IndexBuilder.build(kb.entries, shards: shards)
    #expect(one.write(to: folder.path + "/one", key: 7))
    #expect(many.write(to: folder.path + "/many", key: 7))
    let a = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/one"))
    let b = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/many"))
    #expect(a == b)
    for query in IndexCacheTests.queries {
      #expect(try Searcher(kb).run(query).output == Searcher.run(query, on: many, kb))
    }
  }

  /// Random entries, so that each shard meets words in its own order and shares some with the
  /// others, and lists run across shard boundaries.
  @Test(arguments: [2, 5, 13])
  func shardsOfRandomEntriesMakeTheSameIndex(_ shards: Int) throws {
    var g = SeededGenerator(state: UInt64(shards))
    let entries = EntryList(IndexUpdateTests.base(&g, count: 240).entries)
    let folder = try TemporaryFolder(prefix: "safetykb-shards")
    #expect(IndexBuilder.build(entries, shards: 1).write(to: folder.path + "/one", key: 7))
    #expect(IndexBuilder.build(entries, shards: shards).write(to: folder.path + "/many", key: 7))
    let a = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/one"))
    let b = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/many"))
    #expect(a.count > 10_000)
    #expect(a == b)
  }
}

/// An index written as it is built, a range of stems at a time, is the file an index built in
/// memory writes, byte for byte; and the index read back from it answers as a fresh one.
@Suite struct WrittenBuildTests {
  /// Pieces of 64 bytes: the body's lists in as many ranges as there may be (`FieldRuns.mostRanges`).
  @Test(arguments: [1, 3])
  func randomEntriesWrittenAsBuiltMakeTheSameFile(_ shards: Int) throws {
    var g = SeededGenerator(state: UInt64(40 + shards))
    let entries = EntryList(IndexUpdateTests.base(&g, count: 300).entries)
    let folder = try TemporaryFolder(prefix: "safetykb-written")
    #expect(IndexBuilder.build(entries, shards: 1).write(to: folder.path + "/memory", key: 7))
    #expect(
      IndexFileWriter.write(folder.path + "/written", key: 7) { w in
        IndexBuilder.write(entries, to: &w, pieceBytes: 64, shards: shards)
      })
    let a = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/memory"))
    let b = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/written"))
    #expect(a.count > 10_000)
    #expect(a == b)
  }

  @Test(arguments: [64, 1 << 30])
  func anIndexWrittenAsBuiltAnswersAsAFreshOne(_ pieceBytes: Int) throws {
    let kb = try Loader.load(FixturePaths.smallKB)
    let folder = try TemporaryFolder(prefix: "safetykb-written")
    let index = try #require(
      SearchIndex.written(kb, to: folder.path + "/index", key: 9, pieceBytes: pieceBytes))
    #expect(index.parts.file != nil)
    #expect(IndexCacheTests.readsWhole(folder.path + "/index", key: 9))
    let fresh = Searcher(kb)
    for query in IndexCacheTests.queries {
      #expect(try fresh.run(query).output == Searcher.run(query, on: index, kb))
    }
    #expect(index.maxImpact == fresh.index.maxImpact)
  }

  /// Where the index cannot be written, nothing is returned (and the caller builds it in
  /// memory).
  @Test func anIndexThatCannotBeWrittenIsNotReturned() throws {
    let kb = try Loader.load(FixturePaths.smallKB)
    let folder = try TemporaryFolder(prefix: "safetykb-written")
    try folder.write("blocked", "not a folder")
    #expect(SearchIndex.written(kb, to: folder.path + "/blocked/index", key: 9) == nil)
  }
}

extension Searcher {
  /// The output of a query on a given index.
  static func run(_ query: String, on index: SearchIndex, _ kb: KnowledgeBase) throws -> QueryOutput
  {
    try Searcher(kb, index: index).run(query).output
  }
}

/// Large sections are checked and written in pieces on every core: the file is the one written
/// in one piece, byte for byte, and reads back whole.
@Suite struct IndexFileWriterTests {
  @Test func largeSectionsWrittenInPiecesMakeTheSameFile() throws {
    let folder = try TemporaryFolder(prefix: "safetykb-writer")
    var g = SeededGenerator(state: 5)
    // Sizes around the chunk and piece boundaries, and one not a multiple of either.
    let big = (0..<300_001).map { _ in Int32.random(in: .min ... .max, using: &g) }
    let odd = (0..<8_193).map { _ in UInt8.random(in: 0...255, using: &g) }
    let small: [Int32] = [1, 2, 3]
    func write(_ name: String, large: Int) -> [UInt8]? {
      let path = folder.path + "/" + name
      guard
        IndexFileWriter.write(
          path, key: 3, largeSections: large,
          { w in
            w.add("big", big)
            w.add("small", small)
            w.add("odd", odd)
            w.add("big.again", big)
          })
      else { return nil }
      return FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }
    let whole = try #require(write("whole", large: .max))
    let pieces = try #require(write("pieces", large: 1))
    #expect(whole.count > 2_400_000)
    #expect(whole == pieces)
    let file = try #require(IndexFile.open(folder.path + "/pieces"))
    #expect(file.int32s("big") == big)
    #expect(file.int32s("big.again") == big)
    #expect(file.int32s("small") == small)
    #expect(file.bytes("odd") == odd)
    #expect(!file.damaged)
  }

  /// A reserved section filled in pieces of every size, across chunk boundaries and in one
  /// byte at a time, is the section added whole.
  @Test func reservedSectionsFilledInPiecesMakeTheSameFile() throws {
    let folder = try TemporaryFolder(prefix: "safetykb-writer")
    var g = SeededGenerator(state: 11)
    let big = (0..<700_001).map { _ in UInt8.random(in: 0...255, using: &g) }
    let small = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &g) }
    let whole = folder.path + "/whole"
    #expect(
      IndexFileWriter.write(whole, key: 3) { w in
        w.add("big", big)
        w.add("after", [1, 2, 3] as [UInt8])
        w.add("small", small)
      })
    let pieces = folder.path + "/pieces"
    #expect(
      IndexFileWriter.write(pieces, key: 3) { w in
        let bigSection = w.reserve("big", bytes: big.count)
        w.add("after", [1, 2, 3] as [UInt8])
        let smallSection = w.reserve("small", bytes: small.count)
        var at = 0
        while at < big.count {
          let n = min(
            big.count - at, [1, 7, 8192, 8191, 70_000, 600_000].randomElement(using: &g)!)
          big[at..<at + n].withUnsafeBytes { w.fill(bigSection, $0) }
          at += n
        }
        for byte in small { [byte].withUnsafeBytes { w.fill(smallSection, $0) } }
      })
    #expect(
      FileManager.default.contents(atPath: whole) == FileManager.default.contents(atPath: pieces))
    let file = try #require(IndexFile.open(pieces))
    #expect(file.bytes("big") == big)
    #expect(file.bytes("small") == small)
    #expect(!file.damaged)
  }
}

/// A large knowledge base without cache is indexed into a scratch folder, the file unlinked once
/// open: it answers as an index held in memory, and leaves nothing behind.
@Suite struct SpilledIndexTests {
  @Test func aSpilledIndexAnswersAsAHeldOne() throws {
    let scratch = try TemporaryFolder(prefix: "safetykb-scratch")
    let spill = SpillPolicy(from: 1, directory: scratch.path)
    let spilled = try Loader.load(FixturePaths.smallKB, locations: false, spill: spill)
    let held = try Loader.load(FixturePaths.smallKB, locations: false, spill: .never)
    let searcher = Searcher(spilled)
    #expect(searcher.index.parts.file != nil)
    let fresh = Searcher(held)
    #expect(fresh.index.parts.file == nil)
    for query in IndexCacheTests.queries {
      #expect(try searcher.run(query).output == fresh.run(query).output, "\(query)")
    }
    #expect(searcher.index.maxImpact == fresh.index.maxImpact)
    #expect(searcher.index.readEverything())
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
  }

  /// After an edit, the spilled index is brought up to date entry by entry, as a cached one
  /// is, and answers as an index built afresh.
  @Test func aSpilledIndexIsUpdatedAfterAnEdit() throws {
    let kb = try TemporaryFolder(copying: FixturePaths.smallKB)
    let scratch = try TemporaryFolder(prefix: "safetykb-scratch")
    let spill = SpillPolicy(from: 1, directory: scratch.path)
    let spilled = try Loader.load(kb.path, locations: false, spill: spill)
    let before = Searcher(spilled)
    let first = try #require(spilled.files.paths.first)
    let text = try String(contentsOfFile: kb.url(first), encoding: .utf8)
    try kb.write(first, text + "\nA zanzibar line added.\n")
    var changes = FileChanges()
    changes.edited = [first]
    let refreshed = spilled.refreshed(changes)
    let after = Searcher(updating: before.index, for: refreshed)
    #expect(after.index.isUpdate)
    let fresh = Searcher(try Loader.load(kb.path, locations: false, spill: .never))
    for query in IndexCacheTests.queries + ["zanzibar"] {
      #expect(try after.run(query).output == fresh.run(query).output, "\(query)")
    }
    guard case .entries(let hits, _) = try after.run("zanzibar").output else {
      Issue.record("zanzibar gave no list of entries")
      return
    }
    #expect(hits.count == 1)
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
  }
}
