import CacheFormat
import Dispatch
import Foundation
import TestSupport
import Testing

@testable import KnowledgeModel

/// A knowledge base folder and a cache folder, loaded with and without the cache.
final class CachedFixture: @unchecked Sendable {
  let kb: TemporaryFolder
  let cache: TemporaryFolder

  init() throws {
    kb = try TemporaryFolder()
    cache = try TemporaryFolder(prefix: "safetykb-cache")
    try kb.write("vocabulary.yaml", Fixtures.vocabulary)
    try kb.write("lessons/one.md", Fixtures.entry(title: "One", tags: ["culture"]))
    try kb.write("lessons/two.md", Fixtures.entry(title: "Two", tags: ["unknown-tag"]))
    try kb.write("lessons/broken.md", "---\ntitle: [unclosed\n---\nbody\n")
    try kb.write("practices/three.md", Fixtures.entry(title: "Three", kind: "practice"))
  }

  var location: CacheLocation { CacheLocation(directory: cache.path) }
  var files: (entries: String, index: String) {
    location.files(for: CacheLocation.absolute(kb.path))
  }

  func cached() throws -> KnowledgeBase { try Loader.load(kb.path, cache: location) }
  func fresh() throws -> KnowledgeBase { try Loader.load(kb.path) }

  /// The cached load equals a fresh one, entries and diagnostics alike. The places of keys and
  /// values inside files are not kept by a cached load (only `check` needs them, and it reads the
  /// files), and entries compare equal without them.
  func expectSameAsFresh(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let a = try cached()
    let b = try fresh()
    #expect(a.entries == b.entries, sourceLocation: sourceLocation)
    // A load through the cache records no places, whether an entry came from the cache or was
    // parsed again because its file changed.
    #expect(
      a.entries.allSatisfy { $0.places.isEmpty },
      sourceLocation: sourceLocation)
    #expect(a.entries.map(\.bodyLocation) == b.entries.map(\.bodyLocation))
    #expect(a.diagnostics == b.diagnostics, sourceLocation: sourceLocation)
    #expect(a.fileCount == b.fileCount && a.failedFiles == b.failedFiles)
  }

  /// Whether the entries cache opens and its records can be found (bodies are checked only when
  /// read).
  var entriesCacheIsWhole: Bool {
    LoadCache.read(
      files.entries, absoluteRoot: CacheLocation.absolute(kb.path), displayRoot: kb.path,
      parser: EntryParser(curated: true)) != nil
  }

  /// The blocks files of the entries cache (older ones stay for a minute after a whole write).
  var blocksFiles: [String] {
    let prefix = (files.entries as NSString).lastPathComponent + ".blocks-"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []
    return names.filter { $0.hasPrefix(prefix) }.sorted().map { cache.path + "/" + $0 }
  }

  /// The blocks file the entries cache's payload names.
  func blocksFile(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String {
    let cache = LoadCache.read(
      files.entries, absoluteRoot: CacheLocation.absolute(kb.path), displayRoot: kb.path,
      parser: EntryParser(curated: true))
    return try #require(cache?.blocksPath, sourceLocation: sourceLocation)
  }

  /// Changes the first byte of `text` where it is kept in the entries cache.
  func damageEntriesCache(at text: String) throws {
    try damage(try blocksFile()) { bytes in
      let needle = Array(text.utf8)
      let at = (0...(bytes.count - needle.count)).first {
        Array(bytes[$0..<$0 + needle.count]) == needle
      }
      bytes[at!] = UInt8(ascii: "X")
    }
  }

  func damage(_ path: String, _ change: (inout [UInt8]) -> Void) throws {
    var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    change(&bytes)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
  }
}

@Suite struct CacheTests {
  @Test func cachedEntriesLeaveOutThePlacesOfKeys() throws {
    let f = try CachedFixture()
    _ = try f.cached()
    let again = try f.cached()
    #expect(again.entries.allSatisfy { $0.places.isEmpty })
    #expect(try f.fresh().entries.allSatisfy { !$0.places.isEmpty })
  }

  @Test func aCachedLoadReportsWhatAFreshLoadReports() throws {
    let f = try CachedFixture()
    let first = try f.cached()
    #expect(first.errorCount > 0)
    #expect(f.entriesCacheIsWhole)
    try f.expectSameAsFresh()
    #expect(try f.cached().cacheKey == first.cacheKey)
  }

  /// A first load writes the cache and reads its entries back from it, bodies left in the file:
  /// the same entries and problems as a load without a cache, and a later load's key.
  @Test func aFirstLoadTakesItsEntriesFromTheCacheItWrote() throws {
    let f = try CachedFixture()
    let first = try f.cached()
    let fresh = try f.fresh()
    #expect(first.entries.count == 3)
    #expect(first.entries == fresh.entries)
    #expect(first.diagnostics == fresh.diagnostics)
    #expect(
      first.entries.allSatisfy {
        if case .stored = $0.storedBody { true } else { false }
      })
    #expect(first.entries.map(\.body) == fresh.entries.map(\.body))
    #expect(try f.cached().cacheKey == first.cacheKey)
  }

  /// A first load stamps each file from the file it opened (`fstat`, before reading it), which
  /// must be what a later load's `stat` sees, or every file would be parsed again.
  @Test func aFirstCacheStampsEachFileAsALaterLoadSeesIt() throws {
    let f = try CachedFixture()
    _ = try f.cached()
    let cache = try #require(
      LoadCache.read(
        f.files.entries, absoluteRoot: CacheLocation.absolute(f.kb.path), displayRoot: f.kb.path,
        parser: EntryParser(curated: true)))
    let files = ["lessons/broken.md", "lessons/one.md", "lessons/two.md", "practices/three.md"]
    for (i, file) in files.enumerated() {
      let n = try #require(cache.number(of: file, guess: i))
      let stamp = try #require(FileStamp.of(f.kb.url(file)))
      #expect(cache.head(n, file)?.stamp == stamp, "\(file)")
    }
  }

  /// A first cache is made a batch of files at a time, each batch's entries let go of once
  /// encoded and written: in batches of one file it holds the same records, and every entry is
  /// then read from it (the broken file, which has no entry, keeps its problem).
  @Test func aFirstCacheMadeInBatchesHoldsTheSameRecords() throws {
    let f = try CachedFixture()
    let whole = try f.cached()
    let absolute = CacheLocation.absolute(f.kb.path)
    let wholeCache = try #require(
      LoadCache.read(
        f.files.entries, absoluteRoot: absolute, displayRoot: f.kb.path,
        parser: EntryParser(curated: true)))
    try FileManager.default.removeItem(atPath: f.files.entries)
    let files = whole.files.paths
    var parse = CachedParse(
      root: f.kb.path, absoluteRoot: absolute, files: files, parser: EntryParser(curated: true),
      cachePath: f.files.entries)
    parse.batch = 1
    let run = parse.run()
    #expect(run.entriesLetGo)
    let cache = try #require(run.cache)
    #expect(cache.count == files.count)
    #expect(cache.files == wholeCache.files)
    for (n, file) in files.enumerated() {
      let (a, b) = (try #require(wholeCache.record(n, file)), try #require(cache.record(n, file)))
      #expect(a.stamp == b.stamp && a.contentHash == b.contentHash && a.racy == b.racy, "\(file)")
      #expect(a.result.entry == b.result.entry && a.result.diagnostics == b.result.diagnostics)
      #expect(a.result.entry?.body == b.result.entry?.body)
    }
    #expect(run.cacheChecksum == cache.payloadChecksum)
    var problems: [Diagnostic] = []
    for (i, outcome) in run.outcomes.enumerated() {
      problems += outcome.diagnostics
      guard let source = outcome.source else {
        #expect(files[i] == "lessons/broken.md")
        continue
      }
      guard case .cached(let n) = source else {
        Issue.record("\(files[i])'s entry was kept, not read from the cache")
        continue
      }
      #expect(cache.entry(n, files[i])?.id == whole.entries.first { $0.path == files[i] }?.id)
    }
    #expect(problems == whole.diagnostics)
    #expect(!problems.isEmpty)
  }

  /// When the cache cannot be written, a first load keeps the entries it parsed.
  @Test func aFirstLoadThatCannotWriteTheCacheKeepsItsEntries() throws {
    let f = try CachedFixture()
    // A file where the cache folder should be: nothing can be written under it.
    let blocked = CacheLocation(directory: f.cache.path + "/blocked/inner")
    try f.cache.write("blocked", "not a folder")
    let first = try Loader.load(f.kb.path, cache: blocked)
    #expect(first.entries == (try f.fresh()).entries)
    #expect(
      first.entries.allSatisfy {
        if case .text = $0.storedBody { true } else { false }
      })
  }

  /// One file is checked against the other entries, whose ids are read without decoding them
  /// when they come from the cache: an id in use, a related entry that does not exist, and no
  /// clash with the entry's own file.
  @Test(arguments: [true, false])
  func aFileIsCheckedAgainstTheOtherEntries(cached: Bool) throws {
    let f = try CachedFixture()
    _ = try f.cached()
    let kb = cached ? try f.cached() : try f.fresh()
    #expect(kb.entries.indices.map { kb.entries.id(at: $0) } == kb.entries.map(\.id))
    let clash = Array(
      Fixtures.entry(id: "one", title: "Another", extra: "related: [thre]").utf8)
    let problems = Checker.check(file: clash, at: "lessons/new.md", in: kb).map(\.message)
    #expect(problems.contains("id 'one' is already used by \(kb.displayPath("lessons/one.md"))"))
    #expect(problems.contains("related entry 'thre' does not exist; did you mean 'three'?"))
    let itself = Array(Fixtures.entry(id: "one", title: "One again").utf8)
    #expect(
      !Checker.check(file: itself, at: "lessons/one.md", in: kb).contains {
        $0.message.contains("already used")
      })
  }

  @Test func aFileAddedIsLoaded() throws {
    let f = try CachedFixture()
    _ = try f.cached()
    try f.kb.write("lessons/four.md", Fixtures.entry(title: "Four"))
    #expect(try f.cached().entries.map(\.title).contains("Four"))
    try f.expectSameAsFresh()
  }

  @Test func aFileRemovedIsGone() throws {
    let f = try CachedFixture()
    _ = try f.cached()
    try FileManager.default.removeItem(atPath: f.kb.url("lessons/one.md"))
    #expect(!(try f.cached().entries.map(\.title).contains("One")))
    try f.expectSameAsFresh()
  }

  @Test func anEditInTheSameSecondWithTheSameSizeIsSeen() throws {
    let f = try CachedFixture()
    _ = try f.cached()
    try f.kb.write("lessons/one.md", Fixtures.entry(title: "Eno", tags: ["culture"]))
    #expect(try f.cached().entries.map(\.title).contains("Eno"))
    try f.expectSameAsFresh()
  }

  @Test func anEditThatKeepsSizeAndModificationTimeIsSeen() throws {
    let f = try CachedFixture()
    let path = f.kb.url("lessons/one.md")
    let old = Date(timeIntervalSince1970: 1_000_000_000)
    try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path)
    _ = try f.cached()
    try f.kb.write("lessons/one.md", Fixtures.entry(title: "Eno", tags: ["culture"]))
    try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path)
    #expect(try f.cached().entries.map(\.title).contains("Eno"))
  }

  @Test func anEditedVocabularyIsRead() throws {
    let f = try CachedFixture()
    let before = try f.cached()
    #expect(before.entries.first { $0.title == "One" }?.tags == ["safety-culture"])
    try f.kb.write(
      "vocabulary.yaml",
      Fixtures.vocabulary.replacingOccurrences(of: "aliases: [culture]", with: "aliases: [cult]"))
    let after = try f.cached()
    #expect(after.entries.first { $0.title == "One" }?.tags == ["culture"])
    #expect(after.cacheKey != before.cacheKey)
    try f.expectSameAsFresh()
  }

  @Test(arguments: ["flipped byte", "truncated", "other version", "empty"])
  func aDamagedCacheIsIgnoredAndRebuilt(_ damage: String) throws {
    let f = try CachedFixture()
    _ = try f.cached()
    try f.damage(f.files.entries) { bytes in
      switch damage {
      case "flipped byte": bytes[40] ^= 0x40
      case "truncated": bytes.removeLast(bytes.count / 3)
      case "other version": bytes[8] &+= 1
      default: bytes = []
      }
    }
    #expect(!f.entriesCacheIsWhole)
    try f.expectSameAsFresh()
    #expect(f.entriesCacheIsWhole)
  }

  /// Entries and their bodies stay in the cache file until asked for, each with its own
  /// checksum: one damaged there is read from the entry's own file instead, and the cache is
  /// rebuilt.
  @Test(arguments: [("a body", "Unmistakable body text."), ("an entry", "Unmistakable title")])
  func damageInTheCacheIsReadFromTheFile(_ part: String, _ damaged: String) throws {
    let f = try CachedFixture()
    let (title, body) = part == "a body" ? ("One", damaged) : (damaged, "Text.")
    try f.kb.write("lessons/one.md", Fixtures.entry(title: title, body: body))
    _ = try f.cached()
    try f.damageEntriesCache(at: damaged)
    #expect(f.entriesCacheIsWhole)
    let loaded = try f.cached()
    #expect(loaded.entries.first { $0.title == title }?.body == body + "\n")
    // The damaged blocks are gone, so the cache no longer opens; the next load writes a whole
    // one.
    #expect(f.blocksFiles.isEmpty)
    #expect(!f.entriesCacheIsWhole)
    try f.expectSameAsFresh()
    #expect(f.entriesCacheIsWhole)
  }

  /// A knowledge base keeps reading bodies from the cache file it was loaded from, even after a
  /// later load renamed a new cache file over it.
  @Test func bodiesOutliveACacheReplacedUnderThem() throws {
    let f = try CachedFixture()
    _ = try f.cached()
    let first = try f.cached()
    try f.kb.write("lessons/four.md", Fixtures.entry(title: "Four", body: "Fourth."))
    _ = try f.cached()
    try f.kb.write("lessons/five.md", Fixtures.entry(title: "Five", body: "Fifth."))
    _ = try f.cached()
    let fresh = try f.fresh()
    #expect(
      first.entries.map(\.body)
        == fresh.entries.filter { $0.title != "Four" && $0.title != "Five" }.map(\.body))
  }

  /// Writing a cache removes the caches of knowledge bases whose folder is gone, and temporary
  /// files abandoned more than a day ago; nothing else.
  @Test func cachesOfKnowledgeBasesThatAreGoneAreRemoved() throws {
    let f = try CachedFixture()
    let gone = try TemporaryFolder()
    try gone.write("lessons/a.md", Fixtures.entry(title: "A"))
    _ = try Loader.load(gone.path, cache: f.location)
    let goneFiles = f.location.files(for: CacheLocation.absolute(gone.path))
    try Data("index".utf8).write(to: URL(fileURLWithPath: goneFiles.index))
    let goneLock = goneFiles.index + ".lock"
    try Data().write(to: URL(fileURLWithPath: goneLock))
    let goneWatch = f.location.watchFolder(forRoot: gone.path)
    try FileManager.default.createDirectory(
      atPath: goneWatch + "/cookies", withIntermediateDirectories: true)
    try Data().write(to: URL(fileURLWithPath: goneWatch + "/watch.lock"))
    let abandoned = f.cache.path + "/x.entries.tmp-1-2"
    let writing = f.cache.path + "/y.index.tmp-3-4"
    let foreign = f.cache.path + "/notes.txt"
    for file in [abandoned, writing, foreign] {
      try Data("partial".utf8).write(to: URL(fileURLWithPath: file))
    }
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSinceNow: -2 * 24 * 3600)], ofItemAtPath: abandoned)
    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
    let goneBlocks = try FileManager.default.contentsOfDirectory(atPath: f.cache.path)
      .filter { $0.hasPrefix((goneFiles.entries as NSString).lastPathComponent + ".blocks-") }
      .map { f.cache.path + "/" + $0 }
    #expect(goneBlocks.count == 1)

    _ = try f.cached()
    #expect(exists(goneFiles.entries) && exists(goneFiles.index))
    #expect(!exists(abandoned) && exists(writing) && exists(foreign))

    try FileManager.default.removeItem(atPath: gone.path)
    _ = try f.cached()
    #expect(exists(goneFiles.entries), "nothing changed, so nothing was written or removed")
    try f.kb.write("lessons/four.md", Fixtures.entry(title: "Four"))
    _ = try f.cached()
    #expect(!exists(goneFiles.entries) && !exists(goneFiles.index) && !exists(goneWatch))
    #expect(!exists(goneLock), "the lock the index was built under goes with it")
    #expect(!goneBlocks.contains(where: exists), "the blocks file goes with its payload")
    #expect(exists(f.files.entries) && exists(writing) && exists(foreign))
  }

  @Test func theCacheOfAnotherKnowledgeBaseIsIgnored() throws {
    let f = try CachedFixture()
    let g = try CachedFixture()
    try g.kb.write("lessons/one.md", Fixtures.entry(title: "Other one"))
    _ = try Loader.load(g.kb.path, cache: f.location)
    let theirs = f.location.files(for: CacheLocation.absolute(g.kb.path)).entries
    try FileManager.default.copyItem(atPath: theirs, toPath: f.files.entries)
    #expect(!(try f.cached().entries.map(\.title).contains("Other one")))
    try f.expectSameAsFresh()
  }

  @Test func loadsAtOnceLeaveAValidCache() throws {
    let f = try CachedFixture()
    for n in 0..<80 { try f.kb.write("lessons/extra-\(n).md", Fixtures.entry(title: "E\(n)")) }
    let fresh = try f.fresh()
    DispatchQueue.concurrentPerform(iterations: 4) { _ in
      #expect((try? f.cached())?.entries == fresh.entries)
    }
    #expect(f.entriesCacheIsWhole)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: f.cache.path)
    #expect(leftovers.allSatisfy { !$0.contains(".tmp-") })
    try f.expectSameAsFresh()
  }

  @Test func theStandardPlaceFollowsXDG() {
    #expect(
      CacheLocation.standard(environment: ["XDG_CACHE_HOME": "/x/c", "HOME": "/h"])?.directory
        == "/x/c/safetykb")
    #expect(CacheLocation.standard(environment: ["HOME": "/h"])?.directory == "/h/.cache/safetykb")
    #expect(CacheLocation.standard(environment: [:]) == nil)
  }
}

/// A walk of the entries in order (`EntryList.forEach`, for an index build) reads the cache's
/// blocks file a window at a time, bodies and all: it gives every entry as reading each one on
/// its own gives it, whatever the window's size, and an entry whose record or body is damaged,
/// or cut off, is read from its own file.
@Suite struct WindowedWalkTests {
  /// 150 entries with bodies from a few bytes to a few kilobytes, loaded through the cache they
  /// were written to (so their entries are left in it).
  static func fixture() throws -> CachedFixture {
    let f = try CachedFixture()
    for n in 0..<150 {
      let body = String(repeating: "Lesson \(n) in words. ", count: 1 + (n * 37) % 160)
      try f.kb.write("more/e\(n).md", Fixtures.entry(title: "Entry \(n)", body: body))
    }
    _ = try f.cached()
    return f
  }

  static func walked(_ entries: EntryList, _ range: Range<Int>, window: Int) -> [(Int, Entry)] {
    var walked: [(Int, Entry)] = []
    entries.forEach(in: range, window: window) { walked.append(($0, $1)) }
    return walked
  }

  @Test(arguments: [64, 4096, WindowedReads.size])
  func aWalkGivesWhatEachEntryReadOnItsOwnGives(window: Int) throws {
    let f = try Self.fixture()
    let entries = try f.cached().entries
    #expect(entries.count == 153)
    for range in [0..<entries.count, 17..<90, 5..<5] {
      let walked = Self.walked(entries, range, window: window)
      #expect(walked.map(\.0) == Array(range))
      #expect(walked.map(\.1) == range.map { entries[$0] })
      #expect(walked.map(\.1.body) == range.map { entries[$0].body })
      // Read through the windows, not left for each entry to read (or parsed again, which
      // would give the same entries).
      #expect(walked.allSatisfy { if case .text = $0.1.storedBody { true } else { false } })
    }
    if case .stored = entries[3].storedBody {
    } else {
      Issue.record("an entry read on its own keeps its body in the cache")
    }
  }

  @Test(arguments: ["a record", "a body", "cut off"])
  func aDamagedEntryIsReadFromItsFile(_ damage: String) throws {
    let f = try Self.fixture()
    let entries = try f.cached().entries
    let blocks = try f.blocksFile()
    switch damage {
    case "a record": try f.damageEntriesCache(at: "Entry 70")
    case "a body": try f.damageEntriesCache(at: "Lesson 70 in words")
    default: try f.damage(blocks) { $0.removeLast($0.count / 2) }
    }
    let fresh = try f.fresh().entries
    let walked = Self.walked(entries, 0..<entries.count, window: 4096)
    #expect(walked.map(\.1.title) == fresh.map(\.title))
    #expect(walked.map(\.1.body) == fresh.map(\.body))
  }
}
