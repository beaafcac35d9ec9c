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
    #expect(status.stdout.contains(" bytes)\n") && status.stdout.contains(", journal "))
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
