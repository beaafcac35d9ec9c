import Foundation
import TestSupport
import Testing

@testable import KnowledgeModel

/// The watch daemon and its client, together: a daemon runs on a thread over a temporary
/// knowledge base; the client asks what changed since a mark.
@Suite(.timeLimit(.minutes(2))) struct ChangeJournalTests {
  @Test func withoutADaemonTheAnswerIsNoDaemon() throws {
    let folder = try TemporaryFolder()
    #expect(
      ChangeJournal(root: folder.path, state: folder.url("none")).changes(since: nil) == .noDaemon)
    // A state folder a daemon left: its lock file and journal are there, but nobody holds the lock.
    try folder.write("state/watch.lock", "")
    try folder.write("state/journal", "safetykb-journal 1 00000000000000aa \(folder.path)\n")
    try FileManager.default.createDirectory(
      atPath: folder.url("state/cookies"), withIntermediateDirectories: true)
    let journal = ChangeJournal(root: folder.path, state: folder.url("state"))
    #expect(journal.changes(since: JournalMark(token: 0xaa, offset: 60)) == .noDaemon)
    #expect(!journal.status().running)
  }

  @Test func nothingChangedIsAnEmptyChange() throws {
    let daemon = try RunningDaemon()
    let mark = try daemon.ready()
    let first = daemon.ask(since: mark)
    #expect(first.paths == [])
    #expect(first.current?.token == mark.token)
    #expect(daemon.ask(after: first).paths == [])
    let status = daemon.journal.status()
    #expect(status.running && status.token == mark.token && status.pid == getpid())
  }

  struct Edit: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var change: @Sendable (RunningDaemon) throws -> Void
    var expected: Set<String>
  }

  static let edits: [Edit] = [
    Edit(
      testDescription: "edited in place",
      change: { d in
        let fd = open(d.path("a.md"), O_WRONLY)
        _ = pwrite(fd, "# B", 3, 0)
        close(fd)
      }, expected: ["a.md"]),
    Edit(
      testDescription: "appended to",
      change: { d in
        let handle = try #require(FileHandle(forWritingAtPath: d.path("a.md")))
        handle.seekToEndOfFile()
        handle.write(Data("more\n".utf8))
        try handle.close()
      }, expected: ["a.md"]),
    Edit(
      testDescription: "created",
      change: { d in
        try d.folder.write("kb/new.md", "# New\n")
      }, expected: ["new.md"]),
    Edit(testDescription: "deleted", change: { d in unlink(d.path("a.md")) }, expected: ["a.md"]),
    Edit(
      testDescription: "renamed over, as editors save",
      change: { d in
        try d.folder.write("kb/a.md.tmp", "# A again\n")
        rename(d.path("a.md.tmp"), d.path("a.md"))
      }, expected: ["a.md"]),
    Edit(
      testDescription: "renamed",
      change: { d in
        rename(d.path("a.md"), d.path("b.md"))
      }, expected: ["a.md", "b.md"]),
    Edit(
      testDescription: "moved out of the knowledge base",
      change: { d in
        rename(d.path("a.md"), d.folder.url("gone.md"))
      }, expected: ["a.md"]),
    Edit(
      testDescription: "moved in",
      change: { d in
        try d.folder.write("arrived.md", "# Arrived\n")
        rename(d.folder.url("arrived.md"), d.path("sub/arrived.md"))
      }, expected: ["sub/arrived.md"]),
    Edit(
      testDescription: "permissions changed",
      change: { d in
        chmod(d.path("a.md"), 0o600)
      }, expected: ["a.md"]),
    Edit(
      testDescription: "in a sub-folder",
      change: { d in
        try d.folder.write("kb/sub/c.md", "# C2\n")
      }, expected: ["sub/c.md"]),
    Edit(
      testDescription: "the vocabulary",
      change: { d in
        try d.folder.write("kb/vocabulary.yaml", "kinds: []\n")
      }, expected: ["vocabulary.yaml"]),
    Edit(
      testDescription: "a name with a newline and spaces",
      change: { d in
        try d.folder.write("kb/cookie x\ny z.md", "# Odd\n")
      }, expected: ["cookie x\ny z.md"]),
    Edit(
      testDescription: "files no load reads",
      change: { d in
        try d.folder.write("kb/notes.txt", "x")
        try d.folder.write("kb/.a.md.swp", "x")
        try d.folder.write("kb/README.md", "# Guide\n")
        try d.folder.write("kb/.hidden/x.md", "# Hidden\n")
      }, expected: []),
  ]

  @Test(arguments: edits) func anEditIsNamed(_ edit: Edit) throws {
    let daemon = try RunningDaemon()
    let mark = try daemon.ready()
    try edit.change(daemon)
    let answer = daemon.ask(since: mark)
    #expect(answer.paths == edit.expected)
    // Asked again from the new mark, nothing more.
    #expect(daemon.ask(after: answer).paths == [])
  }

  @Test func aNewFolderIsUnknownThenWatched() throws {
    let daemon = try RunningDaemon()
    let mark = try daemon.ready()
    try FileManager.default.createDirectory(
      atPath: daemon.path("new/deeper"), withIntermediateDirectories: true)
    let answer = daemon.ask(since: mark)
    #expect(answer.isUnknown)
    try daemon.folder.write("kb/new/deeper/x.md", "# X\n")
    #expect(daemon.ask(after: answer).paths == ["new/deeper/x.md"])
  }

  @Test func aRemovedFolderIsUnknown() throws {
    let daemon = try RunningDaemon()
    let mark = try daemon.ready()
    rename(daemon.path("sub"), daemon.folder.url("sub-gone"))
    #expect(daemon.ask(since: mark).isUnknown)
  }

  @Test func noMarkOrAMarkOfAnotherJournalIsUnknown() throws {
    let daemon = try RunningDaemon()
    let mark = try daemon.ready()
    let stale = [
      nil, JournalMark(token: mark.token &+ 1, offset: mark.offset),
      JournalMark(token: mark.token, offset: mark.offset + 1_000_000),
      JournalMark(token: mark.token, offset: mark.offset - 1), JournalMark.unmatched,
    ]
    for old in stale {
      let answer = daemon.ask(since: old)
      #expect(answer.isUnknown, "\(String(describing: old))")
      #expect(answer.current?.token == mark.token)
      #expect(daemon.ask(after: answer).paths == [])
    }
  }

  @Test func aStoppedDaemonIsNoDaemon() throws {
    let daemon = try RunningDaemon()
    let mark = try daemon.ready()
    #expect(daemon.finish() == 0)
    #expect(daemon.ask(since: mark) == .noDaemon)
    #expect(!FileManager.default.fileExists(atPath: daemon.state + "/watch.pid"))
    #expect(!daemon.journal.status().running)
  }

  @Test func aSecondDaemonExitsAtOnce() throws {
    let daemon = try RunningDaemon()
    let mark = try daemon.ready()
    let status = WatchDaemon.run(root: daemon.root, state: daemon.state, stop: WatchDaemon.Stop())
    #expect(status == 0)
    #expect(daemon.ask(since: mark).paths == [])
  }

  /// inotify sees only this machine's changes: no daemon for a folder on NFS, SMB or FUSE.
  @Test func fileSystemsAreToldApart() throws {
    #expect(WatchedTree.fileSystemType("/proc") == 0x9FA0)
    #expect(WatchedTree.fileSystemType("/no/such/folder") == nil)
    #expect(!WatchedTree.isRemote(try TemporaryFolder().path))
    #expect(WatchedTree.remoteFileSystems.contains(0x6969))
  }

  @Test func theRootRemovedEndsTheDaemon() throws {
    let daemon = try RunningDaemon()
    _ = try daemon.ready()
    try FileManager.default.removeItem(atPath: daemon.root)
    #expect(daemon.waitForExit() == 0)
    #expect(daemon.ask(since: nil) == .noDaemon)
  }

  /// An edit followed at once by the question is always seen: the cookie's event comes after
  /// the edit's in the kernel's queue.
  @Test func anEditIsSeenByTheVeryNextQuestion() throws {
    let daemon = try RunningDaemon()
    var mark = try daemon.ready()
    for round in 0..<200 {
      let edited = round % 2 == 0 ? "a.md" : "sub/c.md"
      let fd = open(daemon.path(edited), O_WRONLY | O_APPEND | O_CLOEXEC)
      _ = write(fd, "x", 1)
      close(fd)
      let answer = daemon.ask(since: mark)
      // The edit is always named. The round before's file may be named again: its "closed
      // after writing" event comes when the last reference to the open file goes, and a child
      // that another test forked meanwhile may hold one for a moment after our `close`. Naming
      // a file twice costs a stamp; missing one would be the fault.
      let paths = try #require(answer.paths, "round \(round)")
      #expect(paths.contains(edited), "round \(round)")
      #expect(paths.isSubset(of: ["a.md", "sub/c.md"]), "round \(round)")
      mark = try #require(answer.current)
    }
  }

  /// Many files at once: events over many reads, every name in the answer.
  @Test func aFloodOfFilesIsNamedWhole() throws {
    let daemon = try RunningDaemon()
    let mark = try daemon.ready()
    let names = Set((0..<2000).map { "sub/file-\($0).md" })
    for name in names { try daemon.folder.write("kb/" + name, "# \(name)\n") }
    #expect(daemon.ask(since: mark).paths == names)
  }

  @Test func aLongJournalStartsANewOne() throws {
    let daemon = try RunningDaemon(journalLimit: 1024)
    let mark = try daemon.ready()
    for n in 0..<100 { try daemon.folder.write("kb/entry-number-\(n).md", "# \(n)\n") }
    let answer = daemon.ask(since: mark)
    #expect(answer.isUnknown)
    let current = try #require(answer.current)
    #expect(current.token != mark.token)
    #expect(daemon.ask(since: current).paths == [])
  }

  @Test func aLinkToAnEntryFileIsAlwaysNamed() throws {
    let daemon = try RunningDaemon()
    try daemon.folder.write("outside.md", "# Outside\n")
    try daemon.folder.write("elsewhere/x.md", "# X\n")
    symlink(daemon.folder.url("outside.md"), daemon.path("linked.md"))
    symlink(daemon.folder.url("elsewhere"), daemon.path("linked"))
    let mark = try daemon.ready()
    let answer = daemon.ask(since: mark)
    // Its target is not watched, so it is named every time.
    #expect(answer.paths == ["linked.md"])
    try daemon.folder.write("elsewhere/x.md", "# X2\n")
    #expect(daemon.ask(after: answer).paths == ["linked.md", "linked/x.md"])
  }

  /// Damage done to the journal in place (the daemon itself only ever renames a new one in).
  struct Damage: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var damage: @Sendable (Int32, JournalMark) -> Void
  }

  static let damages: [Damage] = [
    Damage(testDescription: "header overwritten") { fd, _ in _ = pwrite(fd, "XXXX", 4, 0) },
    Damage(testDescription: "cut short after the header") { fd, _ in
      let header = JournalReading.bytes(fd, at: 0, count: Int(lseek(fd, 0, SEEK_END))).flatMap {
        JournalFormat.header(in: $0[...])
      }
      _ = ftruncate(fd, off_t(header?.length ?? 0))
    },
    Damage(testDescription: "cut in the middle of a line") { fd, mark in
      _ = ftruncate(fd, off_t(mark.offset - 1))
    },
    Damage(testDescription: "cut to nothing") { fd, _ in _ = ftruncate(fd, 0) },
    Damage(testDescription: "a line that is no line") { fd, _ in
      _ = write(fd, "bad\\line.md\n", 12)
    },
  ]

  /// The answer is `.unknown`: the daemon notices the damage when it writes the cookie's line
  /// and starts a new journal, in which the client finds its cookie and a mark that works.
  @Test(arguments: damages) func aDamagedJournalIsUnknown(_ damage: Damage) throws {
    let daemon = try RunningDaemon()
    let mark = try daemon.ready()
    let fd = open(daemon.state + "/journal", O_RDWR | O_APPEND)
    damage.damage(fd, mark)
    close(fd)
    let answer = daemon.ask(since: mark)
    #expect(answer.isUnknown)
    #expect(answer.current != .unmatched)
    #expect(answer.current?.token != mark.token)
    #expect(daemon.ask(after: answer).paths == [])
  }
}
