import CacheFormat
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

  static func decodes(_ path: String, key: UInt64?) -> Bool {
    guard let key, let file = CacheFile.open(path) else { return false }
    return (try? SearchIndex(from: file, key: key)) != nil
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
    #expect(Self.decodes(indexFile, key: building.cacheKey))
    #expect(
      try outputs(Searcher(cachedFor: try Loader.load(FixturePaths.smallKB, cache: location)))
        == fresh)

    var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: indexFile)))
    bytes[bytes.count - 5] ^= 0x10
    try Data(bytes).write(to: URL(fileURLWithPath: indexFile))
    #expect(!Self.decodes(indexFile, key: building.cacheKey))
    #expect(
      try outputs(Searcher(cachedFor: try Loader.load(FixturePaths.smallKB, cache: location)))
        == fresh)
    #expect(Self.decodes(indexFile, key: building.cacheKey))
  }

  /// A prefetched index is used when it was built from what is loaded, and ignored (the index
  /// is rebuilt) when the knowledge base changed after the cache was written.
  @Test func aPrefetchedIndexIsUsedOnlyForTheSameContent() throws {
    let kb = try TemporaryFolder()
    try FileManager.default.removeItem(atPath: kb.path)
    try FileManager.default.copyItem(atPath: FixturePaths.smallKB, toPath: kb.path)
    let cache = try TemporaryFolder(prefix: "safetykb-cache")
    let location = CacheLocation(directory: cache.path)
    _ = Searcher(cachedFor: try Loader.load(kb.path, cache: location))

    let same = IndexPrefetch(path: location.indexFile(forRoot: kb.path))
    let loaded = try Loader.load(kb.path, cache: location)
    #expect(same.result()?.key == loaded.cacheKey)
    #expect(
      try outputs(Searcher(cachedFor: loaded, prefetched: same))
        == outputs(Searcher(cachedFor: loaded)))

    let stale = IndexPrefetch(path: location.indexFile(forRoot: kb.path))
    try kb.write("lessons/zebra.md", Fixtures.entry(title: "Zebra crossing", tags: ["supervision"]))
    let changed = try Loader.load(kb.path, cache: location)
    #expect(stale.result() != nil)
    #expect(stale.result()?.key != changed.cacheKey)
    let searcher = Searcher(cachedFor: changed, prefetched: stale)
    #expect(searcher.index.count == 9)
    #expect(try searcher.run("zebra").found)
  }

  @Test func anIndexForOtherContentIsNotUsed() throws {
    let folder = try TemporaryFolder(prefix: "safetykb-cache")
    let path = folder.path + "/index"
    let index = SearchIndex(try Loader.load(FixturePaths.smallKB))
    index.write(to: path, key: 1)
    let other = try #require(CacheFile.open(path))
    #expect(throws: BinaryReader.Damaged.self) { try SearchIndex(from: other, key: 2) }
    let same = try #require(CacheFile.open(path))
    #expect(try SearchIndex(from: same, key: 1).count == index.count)
  }

  /// Every block is checked on its own: damage anywhere in the file, or a file cut short, is
  /// refused (and the index rebuilt), never trusted.
  @Test func damageInAnyBlockIsRefused() throws {
    let folder = try TemporaryFolder(prefix: "safetykb-cache")
    let path = folder.path + "/index"
    SearchIndex(try Loader.load(FixturePaths.smallKB)).write(to: path, key: 1)
    let good = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    func decodes(_ bytes: [UInt8]) throws -> Bool {
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      guard let file = CacheFile.open(path) else { return false }
      return (try? SearchIndex(from: file, key: 1)) != nil
    }
    #expect(try decodes(good))
    for offset in stride(from: 40, to: good.count, by: max(1, good.count / 97)) {
      var bytes = good
      bytes[offset] ^= 0x20
      #expect(!(try decodes(bytes)), "byte \(offset) of \(good.count)")
    }
    for cut in [1, 17, good.count / 2] {
      #expect(!(try decodes(Array(good.dropLast(cut)))), "cut \(cut)")
    }
    #expect(!(try decodes(good + [0])))
  }
}
