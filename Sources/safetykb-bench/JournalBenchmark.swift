import Foundation
import KnowledgeModel

/// `safetykb-bench --journal --kb DIR [--edit DIR] [--runs N]`: what a one-shot command pays to
/// learn what changed. With nothing changed: the stamp scan of every file (`changes()`, as a
/// load without a daemon does) against `ChangeJournal.changes(since:)` with a daemon watching
/// DIR. With `--edit` (a writable knowledge base; DIR may be read-only): one file appended to,
/// then the question and a stat of each path it names. The daemons run on threads of this
/// process, their state in a temporary folder.
enum JournalBenchmark {
  static func run(kb kbPath: String, edit: String?, runs: Int) throws {
    let clock = ContinuousClock()
    let cache = CacheLocation.standard(environment: ProcessInfo.processInfo.environment)
    let kb = try Loader.load(kbPath, cache: cache, locations: false)
    print("# entries\t\(kb.entries.count)")
    var scans: [Duration] = []
    for _ in 0...runs {
      var changes: FileChanges?
      scans.append(clock.measure { changes = kb.changes() })
      precondition(changes!.isEmpty, "files changed while measuring")
    }
    report("unchanged_stamp_scan", scans)

    let watched = try Watched(root: kbPath)
    defer { watched.stop() }
    print("daemon_ready_ms\t\(Main.ms(watched.setup))")
    var mark = watched.mark
    var questions: [Duration] = []
    for _ in 0...runs {
      var answer: ChangeJournal.Answer?
      questions.append(clock.measure { answer = watched.journal.changes(since: mark) })
      guard case .changed(let paths, let current) = answer, paths.isEmpty else {
        fatalError("expected no change, got \(String(describing: answer))")
      }
      mark = current
    }
    report("unchanged_journal", questions)

    guard let edit else { return }
    let editable = try Watched(root: edit)
    defer { editable.stop() }
    let editKB = try Loader.load(edit, cache: nil, locations: false)
    let files = editKB.entries.map(\.path)
    let file = editKB.displayPath(files[files.count / 2])
    let original = try Data(contentsOf: URL(fileURLWithPath: file))
    defer { try? original.write(to: URL(fileURLWithPath: file)) }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
    defer { try? handle.close() }
    print("# edit_entries\t\(files.count)")
    mark = editable.mark
    var edited: [Duration] = []
    for _ in 0...runs {
      handle.seekToEndOfFile()
      handle.write(Data("One more line.\n".utf8))
      var answer: ChangeJournal.Answer?
      edited.append(
        clock.measure {
          answer = editable.journal.changes(since: mark)
          if case .changed(let paths, _) = answer {
            for path in paths { _ = FileStamp.of(edit + "/" + path) }
          }
        })
      guard case .changed(let paths, let current) = answer, paths.count == 1 else {
        fatalError("expected one change, got \(String(describing: answer))")
      }
      mark = current
    }
    report("one_edit_journal_and_stat", edited)
  }

  static func report(_ name: String, _ times: [Duration]) {
    let sorted = times.dropFirst().sorted()
    let p95 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.95).rounded(.up)) - 1)]
    print("\(name)_median_ms\t\(Main.ms(sorted[sorted.count / 2]))")
    print("\(name)_p95_ms\t\(Main.ms(p95))")
  }

  /// A daemon on a thread of this process over `root`, ready, with the first mark.
  final class Watched: @unchecked Sendable {
    let journal: ChangeJournal
    let state: String
    let stopper = WatchDaemon.Stop()
    let done = DispatchSemaphore(value: 0)
    private(set) var mark = JournalMark.unmatched
    private(set) var setup = Duration.zero

    init(root: String) throws {
      state = NSTemporaryDirectory() + "safetykb-bench-watch-\(UUID().uuidString)"
      journal = ChangeJournal(root: root, state: state)
      let (state, stopper, done) = (state, stopper, done)
      let started = ContinuousClock.now
      Thread.detachNewThread {
        _ = WatchDaemon.run(root: root, state: state, stop: stopper)
        done.signal()
      }
      while true {
        if case .unknown(let current) = journal.changes(since: nil), current != .unmatched {
          mark = current
          break
        }
        usleep(1000)
      }
      setup = ContinuousClock.now - started
    }

    func stop() {
      stopper.request()
      done.wait()
      try? FileManager.default.removeItem(atPath: state)
    }
  }
}
