import Foundation
import KnowledgeModel
import TestSupport
import Testing

@testable import QueryEngine

@Suite struct IndexCacheTests {
  static let queries = [
    "*", "tag:safety-culture", "office:la-dcfs", "reviews", "\"critical incident\"", "incid*",
    "kind:practice | count by office", "date:2019..2021 | sort date desc",
  ]

  func outputs(_ searcher: Searcher) throws -> [QueryOutput] {
    try Self.queries.map { try searcher.run($0).output }
  }

  @Test func aCachedIndexAnswersAsAFreshOne() throws {
    let cache = try TemporaryFolder(prefix: "safetykb-cache")
    let location = CacheLocation(directory: cache.path)
    let fresh = try outputs(Searcher(try Loader.load(FixturePaths.smallKB)))
    let building = try Loader.load(FixturePaths.smallKB, cache: location)
    #expect(try outputs(Searcher(building)) == fresh)
    let indexFile = try #require(building.indexCachePath)
    #expect(CacheFile.read(indexFile) != nil)
    #expect(try outputs(Searcher(try Loader.load(FixturePaths.smallKB, cache: location))) == fresh)

    var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: indexFile)))
    bytes[bytes.count - 5] ^= 0x10
    try Data(bytes).write(to: URL(fileURLWithPath: indexFile))
    #expect(CacheFile.read(indexFile) == nil)
    #expect(try outputs(Searcher(try Loader.load(FixturePaths.smallKB, cache: location))) == fresh)
    #expect(CacheFile.read(indexFile) != nil)
  }

  /// A prefetched index is used when it was built from what is loaded, and ignored (the index
  /// is rebuilt) when the knowledge base changed after the cache was written.
  @Test func aPrefetchedIndexIsUsedOnlyForTheSameContent() throws {
    let kb = try TemporaryFolder()
    try FileManager.default.removeItem(atPath: kb.path)
    try FileManager.default.copyItem(atPath: FixturePaths.smallKB, toPath: kb.path)
    let cache = try TemporaryFolder(prefix: "safetykb-cache")
    let location = CacheLocation(directory: cache.path)
    _ = Searcher(try Loader.load(kb.path, cache: location))

    let same = IndexPrefetch(path: location.indexFile(forRoot: kb.path))
    let loaded = try Loader.load(kb.path, cache: location)
    #expect(same.result()?.key == loaded.cacheKey)
    #expect(try outputs(Searcher(loaded, prefetched: same)) == outputs(Searcher(loaded)))

    let stale = IndexPrefetch(path: location.indexFile(forRoot: kb.path))
    try kb.write("lessons/zebra.md", Fixtures.entry(title: "Zebra crossing", tags: ["supervision"]))
    let changed = try Loader.load(kb.path, cache: location)
    #expect(stale.result() != nil)
    #expect(stale.result()?.key != changed.cacheKey)
    let searcher = Searcher(changed, prefetched: stale)
    #expect(searcher.index.count == 9)
    #expect(try searcher.run("zebra").found)
  }

  @Test func anIndexForOtherContentIsNotUsed() throws {
    let index = SearchIndex(try Loader.load(FixturePaths.smallKB))
    var w = BinaryWriter()
    index.write(to: &w, key: 1)
    var r = BinaryReader(w.bytes)
    #expect(throws: BinaryReader.Damaged.self) { try SearchIndex(from: &r, key: 2) }
    var same = BinaryReader(w.bytes)
    #expect(try SearchIndex(from: &same, key: 1).count == index.count)
  }
}
