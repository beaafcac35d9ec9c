import Foundation
import TestSupport
import Testing

@testable import KnowledgeModel

/// Loads through the cache with a watch daemon: the daemon's journal replaces the stamp of
/// every file, and the knowledge base is always the one a load without it gives.
@Suite(.timeLimit(.minutes(2))) struct WatchedLoadTests {
  /// A copy of the small fixture, a cache that asks the daemon (never starting one: the test
  /// runs its own on a thread), and the daemon.
  final class Setup: @unchecked Sendable {
    let folder: TemporaryFolder
    let cache: CacheLocation
    private let stop = WatchDaemon.Stop()
    private let done = DispatchSemaphore(value: 0)

    var root: String { folder.url("kb") }

    init(daemon: Bool = true) throws {
      folder = try TemporaryFolder(prefix: "safetykb-watched")
      try FileManager.default.copyItem(atPath: FixturePaths.smallKB, toPath: folder.url("kb"))
      cache = CacheLocation(
        directory: folder.url("cache"),
        watch: WatchUse(executable: nil, threshold: 0, patience: .seconds(20)))
      guard daemon else {
        done.signal()
        return
      }
      let (root, state, stop, done) = (
        folder.url("kb"), cache.watchFolder(forRoot: folder.url("kb")), stop, done
      )
      Thread.detachNewThread {
        _ = WatchDaemon.serve(
          root: root, state: state, idle: .seconds(3600), stop: stop,
          journalLimit: JournalFormat.limit)
        done.signal()
      }
      let journal = ChangeJournal(root: root, cache: cache)
      for _ in 0..<6000 {
        if case .unknown(let mark) = journal.changes(since: nil, timeout: .seconds(20)),
          mark != .unmatched
        {
          return
        }
        usleep(5_000)
      }
      throw NotReady()
    }

    struct NotReady: Error {}

    deinit {
      stop.request()
      _ = done.wait(timeout: .now() + 60)
    }

    func load() throws -> KnowledgeBase { try Loader.load(root, cache: cache, locations: false) }

    /// What a load that trusts nothing finds: every entry's file, id, title and body.
    func fresh() throws -> [String] { Self.summary(try Loader.load(root)) }

    static func summary(_ kb: KnowledgeBase) -> [String] {
      kb.entries.map { "\($0.path)|\($0.id)|\($0.title)|\($0.body)" }
    }

    var markPath: String { cache.markFile(for: CacheLocation.absolute(root)) }

    func write(_ relative: String, _ text: String) throws {
      try text.write(toFile: folder.url("kb/" + relative), atomically: false, encoding: .utf8)
    }
  }

  static let entry = """
    ---
    title: A lesson written while the daemon watched
    kind: lesson
    tags: [safety-culture]
    offices: [npcs]
    outcomes: [child-welfare/safety]
    date: 2024
    sources:
      - title: A public source
        url: https://example.org/watched
    ---
    Written with the shell closed.

    """

  @Test func theSecondLoadLooksOnlyAtWhatChanged() throws {
    let setup = try Setup()
    let first = try setup.load()
    #expect(first.filesLookedAt == first.fileCount)
    #expect(CacheMark.read(setup.markPath) != nil)
    let second = try setup.load()
    #expect(second.filesLookedAt == 0)
    #expect(Setup.summary(second) == (try setup.fresh()))
    #expect(second.cacheKey == first.cacheKey)
  }

  /// A load the daemon vouches for entirely reads every file's record head straight into the
  /// knowledge base: the same entries, problems, counts, hashes and snapshots as a load that
  /// looked at every file.
  @Test func aLoadWithNothingTouchedIsTheLoadThatLookedAtEverything() throws {
    let setup = try Setup()
    try setup.write("principles/safety-science.md", "---\ntitle: [unclosed\n---\n")
    try setup.write(
      "lessons/unknown-tag.md",
      WatchedLoadTests.entry.replacingOccurrences(
        of: "tags: [safety-culture]", with: "tags: [no-such-tag]"))
    let first = try setup.load()
    let second = try setup.load()
    #expect(second.filesLookedAt == 0)
    #expect(!first.diagnostics.isEmpty && first.failedFiles == 1)
    #expect(second.diagnostics == first.diagnostics)
    #expect(second.diagnostics == (try Loader.load(setup.root)).diagnostics)
    #expect((second.fileCount, second.failedFiles) == (first.fileCount, first.failedFiles))
    #expect(Setup.summary(second) == (try setup.fresh()))
    #expect(second.entryHashes == first.entryHashes && second.entryHashes != nil)
    #expect((second.cacheKey, second.settingsKey) == (first.cacheKey, first.settingsKey))
    #expect(second.files.paths == first.files.paths)
    #expect(second.files.snapshots == first.files.snapshots)
  }

  struct Change: Sendable, CustomTestStringConvertible {
    var testDescription: String
    /// A new folder is `*` in the journal (its files may predate its watch): every file is
    /// looked at once more.
    var looksAtAll = false
    var apply: @Sendable (Setup) throws -> Void
  }

  static let changes: [Change] = [
    Change(testDescription: "an entry edited in place") {
      let path = $0.folder.url("kb/principles/just-culture.md")
      let handle = try #require(FileHandle(forWritingAtPath: path))
      handle.seekToEndOfFile()
      handle.write(Data("One more sentence, added in place.\n".utf8))
      try handle.close()
    },
    Change(testDescription: "an entry saved as editors save: a new file renamed over it") {
      let path = $0.folder.url("kb/principles/just-culture.md")
      let text = try String(contentsOfFile: path, encoding: .utf8)
      try text.replacingOccurrences(of: "People make errors", with: "People err")
        .write(toFile: path, atomically: true, encoding: .utf8)
    },
    Change(testDescription: "an entry added") {
      try $0.write("lessons/written-while-watched.md", WatchedLoadTests.entry)
    },
    Change(testDescription: "an entry added in a new folder", looksAtAll: true) {
      try FileManager.default.createDirectory(
        atPath: $0.folder.url("kb/lessons/more"), withIntermediateDirectories: false)
      try $0.write("lessons/more/written-while-watched.md", WatchedLoadTests.entry)
    },
    Change(testDescription: "an entry removed") {
      try FileManager.default.removeItem(atPath: $0.folder.url("kb/lessons/undated.md"))
    },
    Change(testDescription: "an entry renamed") {
      try FileManager.default.moveItem(
        atPath: $0.folder.url("kb/lessons/undated.md"),
        toPath: $0.folder.url("kb/lessons/zz-undated.md"))
    },
    Change(testDescription: "an entry broken") {
      try $0.write("principles/safety-science.md", "---\ntitle: [unclosed\n---\n")
    },
  ]

  @Test(arguments: changes) func everyChangeIsSeen(_ change: Change) throws {
    let setup = try Setup()
    _ = try setup.load()
    let before = try setup.load()
    #expect(before.filesLookedAt == 0)
    try change.apply(setup)
    let after = try setup.load()
    let expected = try Loader.load(setup.root)
    #expect(Setup.summary(after) == Setup.summary(expected))
    #expect(after.fileCount == expected.fileCount)
    #expect(after.failedFiles == expected.failedFiles)
    #expect((after.filesLookedAt == after.fileCount) == change.looksAtAll)
    // And the load after that, with nothing changed, trusts the new cache.
    let again = try setup.load()
    #expect(again.filesLookedAt == 0)
    #expect(Setup.summary(again) == Setup.summary(expected))
  }

  @Test func aMarkForAnotherCacheIsNotTrusted() throws {
    let setup = try Setup()
    _ = try setup.load()
    var mark = try #require(CacheMark.read(setup.markPath))
    // As if another process had written a cache of other content after this mark.
    mark.cache &+= 1
    mark.write(setup.markPath)
    try setup.write("lessons/written-while-watched.md", WatchedLoadTests.entry)
    let kb = try setup.load()
    #expect(kb.filesLookedAt == kb.fileCount)
    #expect(Setup.summary(kb) == (try setup.fresh()))
  }

  @Test func withoutADaemonEveryFileIsLookedAtAndNoMarkKept() throws {
    let setup = try Setup(daemon: false)
    let kb = try setup.load()
    #expect(kb.filesLookedAt == kb.fileCount)
    #expect(CacheMark.read(setup.markPath) == nil)
    #expect(!ChangeJournal(root: setup.root, cache: setup.cache).hasDaemon)
  }

  @Test(arguments: [
    ([:], 5_000), (["SAFETYKB_WATCH": "always"], 0), (["SAFETYKB_WATCH": "AUTO"], 5_000),
  ])
  func theEnvironmentChoosesWhenADaemonStarts(_ environment: [String: String], _ threshold: Int) {
    #expect(WatchUse.from(environment: environment, executable: "/bin/x")?.threshold == threshold)
  }

  @Test func theEnvironmentCanTurnTheDaemonOff() {
    #expect(WatchUse.from(environment: ["SAFETYKB_WATCH": "never"], executable: "/bin/x") == nil)
  }
}
