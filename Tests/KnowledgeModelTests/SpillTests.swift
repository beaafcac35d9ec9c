import CacheFormat
import Foundation
import TestSupport
import Testing

@testable import KnowledgeModel

/// A large load without cache spills its entries to a scratch folder (a first cache there, read
/// back, the file unlinked at once), so that bodies are not all held: the entries are the same
/// as a load that holds them, and nothing is left in the folder.
@Suite struct SpillTests {
  static func leftovers(in folder: TemporaryFolder) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path)
  }

  @Test func aSpilledLoadHasTheSameEntriesAndLeavesNothing() throws {
    let f = try CachedFixture()
    let scratch = try TemporaryFolder(prefix: "safetykb-scratch")
    let held = try Loader.load(f.kb.path, locations: false, spill: .never)
    let spilled = try Loader.load(
      f.kb.path, locations: false, spill: SpillPolicy(from: 1, directory: scratch.path))
    #expect(spilled.entries.count == 3)
    #expect(Array(spilled.entries) == Array(held.entries))
    #expect(spilled.entries.map(\.body) == held.entries.map(\.body))
    #expect(spilled.diagnostics == held.diagnostics)
    #expect(spilled.failedFiles == 1)
    #expect(spilled.files.paths == held.files.paths)
    // Read from the (unlinked) scratch file, bodies left there until asked for.
    for i in 0..<spilled.entries.count {
      guard case .stored = spilled.entries[i].storedBody else {
        Issue.record("\(spilled.entries[i].path)'s body is held")
        continue
      }
    }
    // What lets an index be brought up to date after edits, but no index cache to key.
    #expect(spilled.entryHashes?.count == 3)
    #expect(spilled.settingsKey != nil)
    #expect(spilled.cacheKey == nil && spilled.indexCachePath == nil)
    #expect(spilled.spill.from == 1)
    #expect(try Self.leftovers(in: scratch).isEmpty)
  }

  /// Only loads for searching spill: not below the threshold (the fixture has 4 files), not `check`'s (no bodies), not
  /// one that keeps places, and not one through the cache.
  @Test func smallAndCheckingLoadsDoNotSpill() throws {
    let f = try CachedFixture()
    let scratch = try TemporaryFolder(prefix: "safetykb-scratch")
    func isHeld(_ kb: KnowledgeBase) -> Bool {
      (0..<kb.entries.count).allSatisfy {
        if case .stored = kb.entries[$0].storedBody { false } else { true }
      }
    }
    let dir = scratch.path
    #expect(
      isHeld(
        try Loader.load(f.kb.path, locations: false, spill: SpillPolicy(from: 5, directory: dir))))
    #expect(
      isHeld(
        try Loader.load(
          f.kb.path, locations: false, bodies: false, spill: SpillPolicy(from: 1, directory: dir))))
    #expect(isHeld(try Loader.load(f.kb.path, spill: SpillPolicy(from: 1, directory: dir))))
    _ = try Loader.load(
      f.kb.path, cache: f.location, locations: false, spill: SpillPolicy(from: 1, directory: dir))
    #expect(try Self.leftovers(in: scratch).isEmpty)
  }

  /// A spilled knowledge base is refreshed as any other: edited files parsed again, the others'
  /// entries still read from the unlinked scratch file.
  @Test func aSpilledLoadIsRefreshed() throws {
    let f = try CachedFixture()
    let scratch = try TemporaryFolder(prefix: "safetykb-scratch")
    let spilled = try Loader.load(
      f.kb.path, locations: false, spill: SpillPolicy(from: 1, directory: scratch.path))
    try f.kb.write("lessons/one.md", Fixtures.entry(title: "One again", tags: ["culture"]))
    try f.kb.write("lessons/four.md", Fixtures.entry(title: "Four"))
    var changes = FileChanges()
    changes.edited = ["lessons/one.md"]
    changes.added = ["lessons/four.md"]
    let refreshed = spilled.refreshed(changes)
    let fresh = try Loader.load(f.kb.path, locations: false, spill: .never)
    #expect(Array(refreshed.entries) == Array(fresh.entries))
    #expect(refreshed.entries.map(\.title).contains("One again"))
    #expect(refreshed.entryHashes?.count == 4)
  }

  /// Where no scratch folder can be made, the entries are held.
  @Test func noScratchFolderMeansHeldEntries() throws {
    let f = try CachedFixture()
    let scratch = try TemporaryFolder(prefix: "safetykb-scratch")
    try scratch.write("file", "not a folder")
    let kb = try Loader.load(
      f.kb.path, locations: false, spill: SpillPolicy(from: 1, directory: scratch.url("file")))
    #expect(kb.entries.count == 3)
    #expect(
      Array(kb.entries)
        == Array(try Loader.load(f.kb.path, locations: false, spill: .never).entries))
  }
}

/// A scratch folder left by a process that is gone (its lock free) is removed when the next one
/// is made; one whose lock is held, or a link, is left alone.
@Suite struct ScratchFolderTests {
  @Test func abandonedFoldersAreRemovedAndLiveOnesKept() throws {
    let base = try TemporaryFolder(prefix: "safetykb-scratch")
    let live = try #require(ScratchFolder.make(in: base.path))
    try "x".write(toFile: live.file("entries"), atomically: false, encoding: .utf8)
    // Left by a process that died: its lock file is there, unlocked.
    try base.write("safetykb-spill-dead01/.lock", "")
    try base.write("safetykb-spill-dead01/index", "half written")
    // Being made: no lock file yet.
    try base.write("safetykb-spill-young1/index", "")
    // Not ours to touch: a link, and a folder of another name.
    let elsewhere = try TemporaryFolder(prefix: "safetykb-elsewhere")
    try elsewhere.write(".lock", "")
    try elsewhere.write("keep", "kept")
    try FileManager.default.createSymbolicLink(
      atPath: base.url("safetykb-spill-link01"), withDestinationPath: elsewhere.path)
    try base.write("other/.lock", "")
    let next = try #require(ScratchFolder.make(in: base.path))
    let names = Set(try FileManager.default.contentsOfDirectory(atPath: base.path))
    #expect(!names.contains("safetykb-spill-dead01"))
    #expect(names.contains("safetykb-spill-young1"))
    #expect(names.contains("safetykb-spill-link01"))
    #expect(names.contains("other"))
    #expect(FileManager.default.fileExists(atPath: live.file("entries")))
    #expect(FileManager.default.fileExists(atPath: elsewhere.url("keep")))
    #expect(names.contains((live.path as NSString).lastPathComponent))
    #expect(names.contains((next.path as NSString).lastPathComponent))
    live.remove()
    next.remove()
    let after = Set(try FileManager.default.contentsOfDirectory(atPath: base.path))
    #expect(after == ["safetykb-spill-young1", "safetykb-spill-link01", "other"])
  }
}

/// A scratch file that cannot be written is said to be one, not the cache.
@Suite struct ScratchFailureTests {
  @Test func aScratchFileIsNotCalledTheCache() throws {
    let path = "/no/such/" + CacheFile.scratchPrefix + "AbC123/index"
    CacheFile.recordFailure(path, ENOSPC)
    let said = try #require(CacheFile.failures.last { $0.contains(path) })
    #expect(said.hasPrefix("cannot write the scratch file '\(path)' (held in memory instead): "))
    #expect(said.hasSuffix("no space left on device"))
  }
}
