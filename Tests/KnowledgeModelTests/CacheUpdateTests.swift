import CacheFormat
import Foundation
import TestSupport
import Testing

@testable import KnowledgeModel

/// An entries cache written from an older one copies the older one's records and bodies as
/// they lie, adds the fresh ones after them, and is written whole again once dead records
/// outweigh the live ones.
@Suite struct CacheUpdateTests {
  @Test func aChecksumInPiecesIsTheChecksumWhole() {
    var g = SystemRandomNumberGenerator()
    for size in [0, 1, 7, 8, 31, 32, 33, 63, 64, 65, 95, 96, 100, 1000, 4099, 70_001] {
      let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &g) }
      for _ in 0..<4 {
        var stream = Checksum.Stream(count: size, seed: 5)
        var at = 0
        while at < size {
          let n = min(size - at, Int.random(in: 0...80, using: &g))
          bytes[at..<at + n].withUnsafeBytes { stream.add($0) }
          at += n
        }
        #expect(stream.finish() == Checksum.of(bytes, seed: 5), "\(size) bytes")
      }
    }
  }

  /// The file's blocks of records and bodies, each checked against the checksum written
  /// before it.
  static func blocks(_ path: String) throws -> [[UInt8]] {
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    var r = BinaryReader(bytes, from: 24)
    let payloadLength = Int(try r.fixed64())
    try r.skip(payloadLength)
    var out: [[UInt8]] = []
    while !r.isAtEnd {
      #expect(try r.byte() == 1)
      let count = Int(try r.fixed64())
      let checksum = try r.fixed64()
      let block = Array(try #require(r.slice(r.position..<r.position + count)))
      #expect(Checksum.of(block) == checksum, "block \(out.count)")
      try r.skip(count)
      out.append(block)
    }
    return out
  }

  @Test func aChangeAddsToTheBlocksAndKeepsWhatLies() throws {
    let f = try CachedFixture()
    _ = try f.cached()
    let before = try Self.blocks(f.files.entries)
    #expect(before.count == 2)
    try f.kb.write("lessons/one.md", Fixtures.entry(title: "One, edited", body: "New words."))
    try f.kb.write("lessons/four.md", Fixtures.entry(title: "Four", body: "Fourth."))
    try FileManager.default.removeItem(atPath: f.kb.path + "/practices/three.md")
    try f.expectSameAsFresh()
    let after = try Self.blocks(f.files.entries)
    #expect(after.count == 2)
    for (old, new) in zip(before, after) {
      #expect(new.count > old.count)
      #expect(Array(new.prefix(old.count)) == old, "the older block is copied as it lies")
    }
    // And once more, from a cache that was itself written this way.
    try f.kb.write("lessons/two.md", Fixtures.entry(title: "Two, edited", tags: ["culture"]))
    try f.expectSameAsFresh()
    #expect(f.entriesCacheIsWhole)
  }

  /// Edited again and again, a file leaves dead records and bodies behind; the cache is written
  /// whole before they outweigh the live ones, so it never grows without bound.
  @Test func deadRecordsAreDroppedBeforeTheyOutweighTheLive() throws {
    let f = try CachedFixture()
    let long = String(repeating: "A long body of words. ", count: 100_000)
    try f.kb.write("lessons/one.md", Fixtures.entry(title: "One", body: long))
    try f.expectSameAsFresh()
    let whole = try Self.blocks(f.files.entries).map(\.count).reduce(0, +)
    var sizes: [Int] = []
    for n in 0..<12 {
      try f.kb.write("lessons/one.md", Fixtures.entry(title: "One \(n)", body: long + "\(n)"))
      try f.expectSameAsFresh()
      sizes.append(try Self.blocks(f.files.entries).map(\.count).reduce(0, +))
    }
    // At most half as much again as when last written whole (and a megabyte), before the last
    // edit's record and body were added.
    let most = whole + whole / 2 + (1 << 20) + long.utf8.count + 4096
    #expect(sizes.allSatisfy { $0 <= most }, "\(whole): \(sizes)")
    #expect(zip(sizes, sizes.dropFirst()).contains { $1 < $0 }, "written whole at least once")
  }

  /// A cache whose blocks were cut short after it was opened cannot be copied: the cache is
  /// written whole from what the load holds, and says nothing of it.
  @Test func anOlderCacheCutShortIsWrittenWhole() throws {
    let f = try CachedFixture()
    _ = try f.cached()
    let old = try #require(
      LoadCache.read(
        f.files.entries, absoluteRoot: CacheLocation.absolute(f.kb.path), displayRoot: f.kb.path,
        parser: EntryParser(curated: true)))
    let size = try #require(
      try FileManager.default.attributesOfItem(atPath: f.files.entries)[.size] as? Int)
    #expect(truncate(f.files.entries, off_t(size - 10)) == 0)
    let kept = (0..<old.count).map { (old.files[$0], LoadCache.Kept.old($0, racy: nil)) }
    guard
      case .wholeInstead = old.update(
        f.files.entries, absoluteRoot: CacheLocation.absolute(f.kb.path), curated: true,
        records: kept)
    else {
      Issue.record("a cut file was copied")
      return
    }
    #expect(CacheFile.failures.allSatisfy { !$0.contains(f.files.entries) })
  }
}
