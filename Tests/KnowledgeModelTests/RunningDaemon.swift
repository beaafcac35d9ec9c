import Foundation
import TestSupport
import Testing

@testable import KnowledgeModel

/// A watch daemon on a thread of the test process, over a knowledge base in a temporary folder
/// (`kb/`, with its state in `state/`). Locks from `flock` belong to open file descriptions, so
/// the test's own client sees the daemon's lock as another process's would.
final class RunningDaemon: @unchecked Sendable {
  let folder: TemporaryFolder
  let journal: ChangeJournal
  private let stop = WatchDaemon.Stop()
  private let exit = Exit()

  /// The daemon's exit status, told by its thread (which must not hold the daemon itself, or
  /// it would never be let go of and stopped).
  private final class Exit: @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    let lock = NSLock()
    var status: Int32?
  }

  var root: String { folder.url("kb") }
  var state: String { folder.url("state") }

  /// Starts a daemon over the files given (path to content).
  init(
    files: [String: String] = ["a.md": "# A\n", "sub/c.md": "# C\n", "vocabulary.yaml": "{}\n"],
    journalLimit: Int = JournalFormat.limit
  ) throws {
    folder = try TemporaryFolder(prefix: "safetykb-watch")
    try FileManager.default.createDirectory(
      atPath: folder.url("kb"), withIntermediateDirectories: true)
    for (path, text) in files { try folder.write("kb/" + path, text) }
    journal = ChangeJournal(root: folder.url("kb"), state: folder.url("state"))
    let (root, state, stop, exit) = (folder.url("kb"), folder.url("state"), stop, exit)
    Thread.detachNewThread {
      let status = WatchDaemon.serve(
        root: root, state: state, idle: .seconds(3600), stop: stop, journalLimit: journalLimit)
      exit.lock.withLock { exit.status = status }
      exit.done.signal()
    }
  }

  deinit {
    stop.request()
    _ = exit.done.wait(timeout: .now() + 60)
  }

  /// Waits until the daemon answers, and gives the mark to ask from.
  func ready() throws -> JournalMark {
    for _ in 0..<6000 {
      if case .unknown(let mark) = ask(since: nil), mark != .unmatched { return mark }
      usleep(5_000)
    }
    throw NotReady()
  }

  struct NotReady: Error {}

  /// `changes(since:)` with a generous timeout: a slow machine is no failure.
  func ask(since mark: JournalMark?) -> ChangeJournal.Answer {
    journal.changes(since: mark, timeout: .seconds(20))
  }

  /// Asks again from the mark an answer gave (none: a failure, and `.noDaemon`).
  func ask(after answer: ChangeJournal.Answer) -> ChangeJournal.Answer {
    guard let current = answer.current else {
      Issue.record("no mark to ask from in \(answer)")
      return .noDaemon
    }
    return ask(since: current)
  }

  /// Stops the daemon and gives its exit status (nil if it did not stop within a minute).
  func finish() -> Int32? {
    stop.request()
    return waitForExit()
  }

  /// Waits for the daemon to exit by itself; its exit status, or nil after a minute.
  func waitForExit() -> Int32? {
    guard exit.done.wait(timeout: .now() + 60) == .success else { return nil }
    exit.done.signal()
    return exit.lock.withLock { exit.status }
  }

  /// The path of a file below the knowledge base.
  func path(_ relative: String) -> String { folder.url("kb/" + relative) }
}

extension ChangeJournal.Answer {
  /// The paths of a `.changed` answer; nil for the others.
  var paths: Set<String>? {
    if case .changed(let paths, _) = self { return paths }
    return nil
  }

  /// The mark to ask from next; nil for `.noDaemon`.
  var current: JournalMark? {
    switch self {
    case .noDaemon: nil
    case .unknown(let current), .changed(_, let current): current
    }
  }

  var isUnknown: Bool {
    if case .unknown = self { return true }
    return false
  }
}
