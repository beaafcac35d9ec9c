import Foundation
import KnowledgeModel
import TestSupport
import Testing

/// The watch daemon as its own process: started detached by `daemon start`, asked by a client in
/// the test process, stopped with SIGTERM by `daemon stop`.
@Suite(.timeLimit(.minutes(2))) struct WatchDaemonCommandTests {
  @Test func startStatusStopAndTheClientAcrossProcesses() throws {
    let folder = try TemporaryFolder()
    try folder.write("kb/a.md", "---\ntitle: A\n---\nbody\n")
    let environment = ["XDG_CACHE_HOME": folder.url("cache")]
    func daemon(_ words: String...) throws -> Binary.Run {
      try Binary.run(["daemon"] + words + ["--kb", folder.url("kb")], environment: environment)
    }
    defer { _ = try? daemon("stop") }
    let root = ChangeJournal(root: folder.url("kb"), state: "/").root

    let before = try daemon("status")
    #expect(before.status == 1)
    #expect(before.stdout == "\(root): not running\n")

    let started = try daemon("start")
    #expect(started.status == 0, "\(started.stderr)")
    #expect(started.stdout.hasPrefix("\(root): running (pid "), "\(started.stdout)")
    let status = try daemon("status")
    #expect(status.status == 0)
    #expect(status.stdout.contains(" bytes); ") && status.stdout.contains(", journal "))
    #expect(status.stdout.hasSuffix("; answering queries (0 answered)\n"), "\(status.stdout)")
    #expect(try daemon("start").stdout == "\(root): already running\n")

    let journal = ChangeJournal(
      root: folder.url("kb"), cache: CacheLocation(directory: folder.url("cache/safetykb")))
    guard case .unknown(let mark) = journal.changes(since: nil, timeout: .seconds(20)) else {
      Issue.record("the daemon did not answer")
      return
    }
    try folder.write("kb/a.md", "---\ntitle: A2\n---\nbody\n")
    #expect(journal.changes(since: mark, timeout: .seconds(20)).paths == ["a.md"])

    let stopped = try daemon("stop")
    #expect(stopped.stdout == "\(root): stopped\n")
    #expect(journal.changes(since: mark) == .noDaemon)
    #expect(try daemon("status").status == 1)
    #expect(try daemon("stop").stdout == "\(root): not running\n")
  }

  /// A one-shot query that merged a change into the index on file starts `compact-index` in
  /// the background, which builds the index again and writes it; `compact-index` leaves an
  /// index built from the content as it is alone.
  @Test func aMergedLoadHasTheIndexBuiltAgainInTheBackground() throws {
    let folder = try TemporaryFolder()
    let kb = folder.url("kb")
    try FileManager.default.copyItem(atPath: FixturePaths.smallKB, toPath: kb)
    // Answered by the command, not the daemon's query server: the command's load merges.
    let environment = [
      "XDG_CACHE_HOME": folder.url("cache"), "SAFETYKB_WATCH": "always", "SAFETYKB_SERVE": "never",
    ]
    defer { _ = try? Binary.run(["daemon", "stop", "--kb", kb], environment: environment) }
    func query(_ text: String, _ extra: [String] = []) throws -> String {
      let run = try Binary.run(["query", "--kb", kb] + extra + [text], environment: environment)
      #expect(run.status == 0, "\(run.stderr)")
      return run.stdout
    }
    func indexFile() throws -> (path: String, inode: UInt64)? {
      let cache = folder.url("cache/safetykb")
      guard
        let name = try FileManager.default.contentsOfDirectory(atPath: cache).first(where: {
          $0.hasSuffix(".index")
        })
      else { return nil }
      let path = cache + "/" + name
      return FileStamp.of(path).map { (path, $0.inode) }
    }
    _ = try query("* | count")
    let built = try #require(try indexFile())
    let compact = ["compact-index", "--kb", kb, "--delay", "0"]
    #expect(try Binary.run(compact, environment: environment).status == 0)
    #expect(try indexFile()?.inode == built.inode, "an index of this content is left alone")

    try folder.write(
      "kb/lessons/zebra.md",
      Fixtures.entry(id: "zebra", title: "Zebra crossing", tags: ["supervision"], body: "Stripes."))
    #expect(try query("zebra | fields id") == "id\nzebra\n")
    // The background build begins after two seconds; give it time on a busy machine.
    var replaced = false
    for _ in 0..<300 where !replaced {
      usleep(100_000)
      replaced = try indexFile().map { $0.inode != built.inode } ?? false
    }
    #expect(replaced, "the index was built again in the background")
    for text in ["zebra | fields id", "* | count by tag", "? stripes"] {
      #expect(try query(text) == query(text, ["--no-cache"]), "\(text)")
    }
  }

  /// More events than the kernel queues while the daemon cannot read (stopped with SIGSTOP):
  /// the queue overflows, events after that are lost, and the daemon must not claim to know
  /// what changed. A load after it sees the edit whose event was lost.
  @Test func aQueueOverflowIsNeverTakenForKnowledge() throws {
    let limit =
      Int(
        (try? String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8))?
          .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
    guard limit > 0, limit <= 100_000 else { return }  // a queue too long to fill in a test
    let folder = try TemporaryFolder()
    try folder.write("kb/a.md", "---\ntitle: A\n---\nbody\n")
    try folder.write("kb/b.md", "---\ntitle: B\n---\nbody\n")
    try folder.write("kb/c.md", "---\ntitle: C before\n---\nbody\n")
    let kb = folder.url("kb")
    let environment = ["XDG_CACHE_HOME": folder.url("cache")]
    defer { _ = try? Binary.run(["daemon", "stop", "--kb", kb], environment: environment) }
    let started = try Binary.run(["daemon", "start", "--kb", kb], environment: environment)
    let pidText = started.stdout.split(separator: "(pid ").last?.prefix { $0.isNumber } ?? ""
    let pid = try #require(Int32(pidText), "\(started.stdout) \(started.stderr)")
    let cache = CacheLocation(
      directory: folder.url("cache/safetykb"),
      watch: WatchUse(executable: nil, threshold: 0, patience: .seconds(20)))
    // The first load that the daemon answers stores a mark; the next one trusts it.
    var trusted = false
    for _ in 0..<100 where !trusted {
      trusted = try Loader.load(kb, cache: cache, locations: false).filesLookedAt == 0
    }
    #expect(trusted, "the daemon vouches for the files before the flood")

    #expect(kill(pid, SIGSTOP) == 0)
    var resumed = false
    defer { if !resumed { kill(pid, SIGCONT) } }
    // Two files in turn, so that the kernel cannot fold one event into the one before.
    for n in 0..<(limit / 2 + 1000) {
      let file = folder.url(n % 2 == 0 ? "kb/a.md" : "kb/b.md")
      let handle = try #require(FileHandle(forWritingAtPath: file))
      handle.seekToEndOfFile()
      handle.write(Data("x".utf8))
      try handle.close()
    }
    // The queue is full: this edit's events are lost.
    try folder.write("kb/c.md", "---\ntitle: C after\n---\nbody\n")
    #expect(kill(pid, SIGCONT) == 0)
    resumed = true
    let loaded = try Loader.load(kb, cache: cache, locations: false)
    #expect(loaded.entries.map(\.title).sorted() == ["A", "B", "C after"])
    #expect(loaded.filesLookedAt == loaded.fileCount, "every file looked at after the overflow")
  }

  @Test func theHiddenSubcommandWatchesUntilIdle() throws {
    let folder = try TemporaryFolder()
    try folder.write("kb/a.md", "# A\n")
    let run = try Binary.run([
      "watch-daemon", "--root", folder.url("kb"), "--state", folder.url("state"), "--idle", "1",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.isEmpty && run.stderr.isEmpty)
    #expect(folder.text("state/journal")?.hasPrefix("safetykb-journal 1 ") == true)
    #expect(folder.text("state/watch.pid") == nil)
    #expect(try !Binary.run(["--help"]).stdout.contains("watch-daemon"))
  }

  @Test func aRootThatIsNotThereIsAnError() throws {
    let folder = try TemporaryFolder()
    let run = try Binary.run([
      "watch-daemon", "--root", folder.url("missing"), "--state", folder.url("state"),
    ])
    #expect(run.status == 2)
    #expect(run.stderr.hasPrefix("error: cannot watch '\(folder.url("missing"))'"))
  }
}

extension ChangeJournal.Answer {
  fileprivate var paths: Set<String>? {
    if case .changed(let paths, _) = self { return paths }
    return nil
  }
}
