import Foundation
import KnowledgeModel
import QueryEngine
import Rendering
import ShellKit

/// `safetykb-bench --kb DIR --mix FILE [--runs N] [--no-cache] [--phases] [--variants]`: loads a
/// knowledge base once,
/// then runs each query of the mix (`name<TAB>query<TAB>…` lines, as `safetykb-gen` writes them)
/// N times in this process, each time rendering the whole result as TSV into memory (as bytes, as
/// `safetykb query` does before writing them out), and prints
/// `name, median ms, p95 ms, mean ms, rows` as TSV, after the load and index times. With
/// `--phases`, each query's median is also split into its three parts: the engine (parse,
/// evaluate, rank, stages), building the result table, and rendering it. `--variants` also times
/// a spelling-variant lookup (every word of every title). With `--reload`, it measures
/// the shell's live reload instead: the check of every file's stamp with nothing changed, then,
/// after one file is edited (and put back afterwards), the check, the re-read of that file and
/// the new index. `--journal [--edit DIR]` measures the watch daemon's answer against the stamp
/// scan instead (see `JournalBenchmark`).
@main
enum Main {
  static func main() throws {
    var args = Array(CommandLine.arguments.dropFirst())[...]
    var kbPath = ""
    var mixPath = ""
    var runs = 50
    var useCache = true
    var phases = false
    var variants = false
    var reload = false
    var journal = false
    var edit: String?
    while let flag = args.popFirst() {
      switch flag {
      case "--kb": kbPath = args.popFirst() ?? ""
      case "--mix": mixPath = args.popFirst() ?? ""
      case "--runs":
        guard let n = Int(args.popFirst() ?? ""), n >= 1 else {
          FileHandle.standardError.write(
            Data("safetykb-bench: --runs needs a number of at least 1\n".utf8))
          exit(2)
        }
        runs = n
      case "--no-cache": useCache = false
      case "--phases": phases = true
      case "--variants": variants = true
      case "--reload": reload = true
      case "--journal": journal = true
      case "--edit": edit = args.popFirst()
      default:
        FileHandle.standardError.write(Data("safetykb-bench: unknown option '\(flag)'\n".utf8))
        exit(2)
      }
    }
    if journal {
      try JournalBenchmark.run(kb: kbPath, edit: edit, runs: runs)
      return
    }
    if reload {
      try measureReload(kbPath, runs: runs)
      return
    }
    let mix = try String(contentsOfFile: mixPath, encoding: .utf8).split(separator: "\n").map {
      $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    }
    let clock = ContinuousClock()
    let environment = ProcessInfo.processInfo.environment
    var cache = useCache ? CacheLocation.standard(environment: environment) : nil
    // A running watch daemon is asked, as the program asks it (`SAFETYKB_WATCH`); none is
    // started from here.
    cache?.watch = WatchUse.from(environment: environment, executable: nil)
    var kb: KnowledgeBase!
    let load = clock.measure { kb = try! Loader.load(kbPath, cache: cache, locations: false) }
    var searcher: Searcher!
    let index = clock.measure { searcher = Searcher(cachedFor: kb) }
    let runner = QueryRunner(searcher: searcher)
    print("# entries\t\(kb.entries.count)")
    print("# load_ms\t\(ms(load))")
    print("# index_ms\t\(ms(index))")
    if variants {
      // The cost of spelling folding: every word of every title looked up in the variant table.
      var words: [String] = []
      for entry in kb.entries {
        words += entry.title.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
      }
      var found = 0
      let t = clock.measure {
        for w in words where SpellingVariants.american(w) != nil { found += 1 }
      }
      let (s, atto) = t.components
      let ns = (Double(s) * 1e9 + Double(atto) / 1e9) / Double(max(1, words.count))
      print(
        "# variant_lookups\t\(words.count)\t\(String(format: "%.1f", ns)) ns each\t\(found) found")
    }
    if phases {
      print("name\tengine_ms\ttable_ms\trender_ms")
      for item in mix where item.count >= 2 {
        var engine: [Duration] = []
        var table: [Duration] = []
        var render: [Duration] = []
        for _ in 0...runs {
          var result: QueryResult?
          var rows: ResultTable?
          engine.append(clock.measure { result = try! searcher.run(item[1]) })
          table.append(clock.measure { rows = runner.table(for: result!) })
          var sink = ByteSink()
          render.append(
            clock.measure {
              Renderer.render(rows!, as: .tsv, options: RenderOptions(), into: &sink)
            })
        }
        let medians = [engine, table, render].map { ms($0.sorted()[$0.count / 2]) }
        print(([item[0]] + medians).joined(separator: "\t"))
      }
    }
    print("name\tmedian_ms\tp95_ms\tmean_ms\trows")
    for item in mix where item.count >= 2 {
      var times: [Duration] = []
      var rows = 0
      for run in 0...runs {
        var sink = ByteSink()
        let t = clock.measure {
          let outcome = try! runner.run(item[1])
          Renderer.render(outcome.table, as: .tsv, options: RenderOptions(), into: &sink)
        }
        if run > 0 { times.append(t) }  // the first run warms up
        rows = -1
        for byte in sink.bytes where byte == UInt8(ascii: "\n") { rows += 1 }
      }
      times.sort()
      let mean = times.reduce(Duration.zero, +) / times.count
      let p95 = times[min(times.count - 1, Int((Double(times.count) * 0.95).rounded(.up)) - 1)]
      print("\(item[0])\t\(ms(times[times.count / 2]))\t\(ms(p95))\t\(ms(mean))\t\(rows)")
    }
  }

  /// Live reload: `changes()` with nothing changed (median and p95 of `runs`), then one file
  /// edited: the check, `refreshed`, the index brought up to date and its first answers, and
  /// the index built again instead.
  static func measureReload(_ kbPath: String, runs: Int) throws {
    let clock = ContinuousClock()
    let cache = CacheLocation.standard(environment: ProcessInfo.processInfo.environment)
    let kb = try Loader.load(kbPath, cache: cache, locations: false)
    let before = Searcher(cachedFor: kb)
    print("# entries\t\(kb.entries.count)")
    var watcher: FolderWatcher?
    let setup = clock.measure { watcher = FolderWatcher(root: kbPath) }
    print("watcher_setup_ms\t\(ms(setup))")
    var scans: [Duration] = []
    var polls: [Duration] = []
    for _ in 0...runs {
      var changes: FileChanges?
      scans.append(clock.measure { changes = kb.changes() })
      precondition(changes!.isEmpty, "files changed while measuring")
      var report: FolderWatcher.Report?
      polls.append(clock.measure { report = watcher?.poll() })
      precondition(report == .nothing, "files changed while measuring")
    }
    for (name, times) in [("stamp_scan", scans), ("watcher_poll", polls)] {
      let sorted = times.dropFirst().sorted()
      let p95 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.95).rounded(.up)) - 1)]
      print("unchanged_\(name)_median_ms\t\(ms(sorted[sorted.count / 2]))")
      print("unchanged_\(name)_p95_ms\t\(ms(p95))")
    }
    let file = kb.displayPath(kb.entries[kb.entries.count / 2].path)
    let original = try Data(contentsOf: URL(fileURLWithPath: file))
    defer { try? original.write(to: URL(fileURLWithPath: file)) }
    try (original + Data("\nOne more line.\n".utf8)).write(to: URL(fileURLWithPath: file))
    var changes: FileChanges!
    let check = clock.measure {
      guard case .touched(let paths) = watcher?.poll() else { fatalError("no change seen") }
      changes = kb.changes(touched: paths, now: Int64(Date().timeIntervalSince1970))
    }
    var fresh: KnowledgeBase!
    let reread = clock.measure { fresh = kb.refreshed(changes) }
    // As the shell does: the index it had, brought up to date, then the first answers from it
    // (its parts are merged when a query first needs them); and, to compare, an index built.
    var updated: Searcher!
    let update = clock.measure { updated = Searcher(updating: before.index, for: fresh) }
    precondition(updated.index.isUpdate, "the index was built again, not brought up to date")
    var answers: [Duration] = []
    for query in [
      "tag:topic-gadoba | count", "checklist | limit 20", "? review of a critical incident",
    ] {
      answers.append(clock.measure { _ = try? updated.run(query) })
    }
    let index = clock.measure { _ = Searcher(fresh) }
    print("edited_files\t\(changes.count)")
    print("edited_watcher_check_ms\t\(ms(check))")
    print("edited_reread_ms\t\(ms(reread))")
    print("edited_index_update_ms\t\(ms(update))")
    print("edited_first_field_query_ms\t\(ms(answers[0]))")
    print("edited_first_word_query_ms\t\(ms(answers[1]))")
    print("edited_first_best_match_ms\t\(ms(answers[2]))")
    print("edited_index_built_ms\t\(ms(index))")
  }

  static func ms(_ d: Duration) -> String {
    let (s, atto) = d.components
    return String(format: "%.3f", Double(s) * 1000 + Double(atto) / 1e15)
  }
}
