import CacheFormat
import Dispatch
import Foundation
import TestSupport
import Testing

@testable import KnowledgeModel

/// An entries cache written from an older one adds the fresh records and bodies at the end of
/// its blocks file, where the older ones lie unchanged, and is written whole again, to a new
/// blocks file, once dead records outweigh the live ones.
@Suite struct CacheUpdateTests {
  /// The bytes of the entries cache's blocks file.
  static func blocks(_ f: CachedFixture) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: try f.blocksFile())))
  }

  @Test func aChangeAddsToTheBlocksAndKeepsWhatLies() throws {
    let f = try CachedFixture()
    _ = try f.cached()
    let file = try f.blocksFile()
    let before = try Self.blocks(f)
    try f.kb.write("lessons/one.md", Fixtures.entry(title: "One, edited", body: "New words."))
    try f.kb.write("lessons/four.md", Fixtures.entry(title: "Four", body: "Fourth."))
    try FileManager.default.removeItem(atPath: f.kb.path + "/practices/three.md")
    try f.expectSameAsFresh()
    #expect(try f.blocksFile() == file, "the same blocks file, added to")
    let after = try Self.blocks(f)
    #expect(after.count > before.count)
    #expect(Array(after.prefix(before.count)) == before, "what was there is left as it lies")
    #expect(String(decoding: after[before.count...], as: UTF8.self).contains("New words."))
    // And once more, from a cache that was itself written this way.
    try f.kb.write("lessons/two.md", Fixtures.entry(title: "Two, edited", tags: ["culture"]))
    try f.expectSameAsFresh()
    #expect(f.entriesCacheIsWhole)
    #expect(try f.blocksFile() == file)
  }

  /// A process still reading by an older payload reads what it read before, however many
  /// changes were added to the blocks file since.
  @Test func anOlderPayloadStillReadsItsBlocks() throws {
    let f = try CachedFixture()
    try f.kb.write("lessons/one.md", Fixtures.entry(title: "One", body: "First words."))
    let first = try f.cached()
    for n in 0..<3 {
      try f.kb.write("lessons/one.md", Fixtures.entry(title: "One", body: "Words \(n)."))
      _ = try f.cached()
    }
    #expect(first.entries.first { $0.title == "One" }?.body == "First words.\n")
    #expect(try f.cached().entries.first { $0.title == "One" }?.body == "Words 2.\n")
  }

  /// Bytes added past a payload's length (by a process that died before it wrote its payload)
  /// are never read by it, and the next change is added after them.
  @Test func bytesPastThePayloadsLengthAreLeftAlone() throws {
    let f = try CachedFixture()
    _ = try f.cached()
    let file = try f.blocksFile()
    let handle = try #require(FileHandle(forWritingAtPath: file))
    handle.seekToEndOfFile()
    handle.write(Data(repeating: 0xAB, count: 1000))
    try handle.close()
    try f.expectSameAsFresh()
    try f.kb.write("lessons/one.md", Fixtures.entry(title: "One, again", body: "Again."))
    try f.expectSameAsFresh()
    #expect(try f.blocksFile() == file)
  }

  /// A blocks file replaced by another with the same name (a copy from elsewhere, say) is not
  /// read by a payload that names another generation.
  @Test func aForeignBlocksFileIsNotRead() throws {
    let f = try CachedFixture()
    _ = try f.cached()
    let file = try f.blocksFile()
    var bytes = try Self.blocks(f)
    bytes[20] ^= 0x01
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    #expect(!f.entriesCacheIsWhole)
    try f.expectSameAsFresh()
    #expect(f.entriesCacheIsWhole)
    #expect(try f.blocksFile() != file, "written whole, to a new blocks file")
  }

  /// A blocks file is written in order behind the caller's back, kept whole by `keep`, and
  /// removed when its writer is let go of without it (writes still pending or not).
  @Test func aBlocksFileIsKeptOnlyWhenAskedTo() throws {
    let folder = try TemporaryFolder()
    let pieces = (0..<50).map { n in [UInt8](repeating: UInt8(n), count: 10_000 + n) }
    var kept = ""
    for keep in [false, true] {
      let writer = BlocksFile.Writer(folder.path + "/x.entries.blocks-\(keep)", generation: 7)
      for piece in pieces { writer.add([piece]) }
      #expect(writer.end == BlocksFile.headerSize + pieces.map(\.count).reduce(0, +))
      if keep {
        try writer.keep()
        kept = writer.path
      }
    }
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["x.entries.blocks-true"])
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: kept)))
    #expect(Array(bytes[BlocksFile.headerSize...]) == pieces.flatMap { $0 })
    #expect(BlocksFile.open(kept, generation: 7, length: bytes.count) != nil)
    #expect(BlocksFile.open(kept, generation: 8, length: bytes.count) == nil)
    #expect(BlocksFile.open(kept, generation: 7, length: bytes.count + 1) == nil)
  }

  /// After a whole write, the blocks files of older payloads go once they were last written to
  /// a minute ago or more; younger ones (perhaps another process's, whose payload is being
  /// written now) stay until a later write, and so do other caches' files.
  @Test func olderBlocksFilesGoOnceAMinuteOld() throws {
    let folder = try TemporaryFolder()
    let payload = folder.path + "/x.entries"
    let files = (1...3).map { BlocksFile.path(of: payload, generation: UInt64($0)) }
    let other = BlocksFile.path(of: folder.path + "/y.entries", generation: 1)
    for file in files + [other] { try Data("b".utf8).write(to: URL(fileURLWithPath: file)) }
    for file in [files[0], files[1], other] {
      try FileManager.default.setAttributes(
        [.modificationDate: Date(timeIntervalSinceNow: -120)], ofItemAtPath: file)
    }
    BlocksFile.removeOthers(of: payload, keeping: 2)
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(
      left == [files[1], files[2], other].map { ($0 as NSString).lastPathComponent }.sorted())
  }

  /// Loads that change the knowledge base side by side, each adding to the blocks file in turn,
  /// leave a cache that every later load reads as a fresh load would.
  @Test func changesAddedAtOnceLeaveAValidCache() throws {
    let f = try CachedFixture()
    for n in 0..<40 { try f.kb.write("lessons/extra-\(n).md", Fixtures.entry(title: "E\(n)")) }
    _ = try f.cached()
    for round in 0..<3 {
      for n in 0..<4 {
        try f.kb.write(
          "lessons/extra-\(n).md", Fixtures.entry(title: "E\(n)", body: "Round \(round)."))
      }
      DispatchQueue.concurrentPerform(iterations: 4) { _ in _ = try? f.cached() }
      try f.expectSameAsFresh()
    }
    #expect(f.entriesCacheIsWhole)
  }

  /// Edited again and again, a file leaves dead records and bodies behind; the cache is written
  /// whole before they outweigh the live ones, so it never grows without bound.
  @Test func deadRecordsAreDroppedBeforeTheyOutweighTheLive() throws {
    let f = try CachedFixture()
    let long = String(repeating: "A long body of words. ", count: 100_000)
    try f.kb.write("lessons/one.md", Fixtures.entry(title: "One", body: long))
    try f.expectSameAsFresh()
    let whole = try Self.blocks(f).count
    var sizes: [Int] = []
    for n in 0..<12 {
      try f.kb.write("lessons/one.md", Fixtures.entry(title: "One \(n)", body: long + "\(n)"))
      try f.expectSameAsFresh()
      sizes.append(f.blocksFiles.isEmpty ? 0 : try Self.blocks(f).count)
    }
    // At most half as much again as when last written whole (and a megabyte), before the last
    // edit's record and body were added.
    let most = whole + whole / 2 + (1 << 20) + long.utf8.count + 4096
    #expect(sizes.allSatisfy { $0 <= most }, "\(whole): \(sizes)")
    #expect(zip(sizes, sizes.dropFirst()).contains { $1 < $0 }, "written whole at least once")
  }

  /// A blocks file replaced since the cache was read (by a copy of itself, even), or cut short,
  /// is not added to: the bytes its payload knew may not be there. The cache is written whole
  /// from what the load holds, and nothing is said of it.
  @Test(arguments: ["replaced", "cut short"])
  func aBlocksFileChangedSinceItWasReadIsNotAddedTo(_ change: String) throws {
    let f = try CachedFixture()
    _ = try f.cached()
    let old = try #require(
      LoadCache.read(
        f.files.entries, absoluteRoot: CacheLocation.absolute(f.kb.path), displayRoot: f.kb.path,
        parser: EntryParser(curated: true)))
    let file = try f.blocksFile()
    if change == "replaced" {
      let copy = file + ".copy"
      try Data(contentsOf: URL(fileURLWithPath: file)).write(to: URL(fileURLWithPath: copy))
      #expect(rename(copy, file) == 0)
    } else {
      let size = try #require(
        try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int)
      #expect(truncate(file, off_t(size - 10)) == 0)
    }
    let kept = (0..<old.count).map { (old.files[$0], LoadCache.Kept.old($0, racy: nil)) }
    guard
      case .wholeInstead = old.update(
        f.files.entries, absoluteRoot: CacheLocation.absolute(f.kb.path), curated: true,
        records: kept)
    else {
      Issue.record("a file \(change) was added to")
      return
    }
    #expect(CacheFile.failures.allSatisfy { !$0.contains(f.files.entries) })
  }
}
