import ArgumentParser
import Console
import Foundation
import KnowledgeModel
import QueryEngine
import Rendering
import SearchStore
import ShellKit

extension Format: ExpressibleByArgument {}
extension ColorChoice: ExpressibleByArgument {}
extension EntryViewRenderer.Style: ExpressibleByArgument {}

/// `--kb DIR` and `--no-cache`, shared by every command that opens a knowledge base, and the
/// session over it.
struct KnowledgeBaseOptions: ParsableArguments {
  @Option(
    name: .customLong("kb"),
    help: ArgumentHelp(
      "The knowledge base folder (default: $SAFETYKB_KB, ./knowledge, or the bundled one).",
      valueName: "dir"),
    completion: .directory)
  var folder: String?

  @Flag(
    name: .customLong("no-cache"),
    help: "Load every file and build the index afresh, without reading or writing the cache.")
  var noCache = false

  /// The cache to load through, unless `--no-cache`.
  var cache: CacheLocation? {
    noCache ? nil : CacheLocation.standard(environment: Context.environment)
  }

  /// Finds the knowledge base, or fails with a clear message.
  func locate() throws -> String {
    guard let (path, _) = KnowledgeBaseLocator.locate(flag: folder) else {
      throw failure(
        "no knowledge base found: pass --kb DIR, set SAFETYKB_KB, or run from a folder with knowledge/vocabulary.yaml"
      )
    }
    return path
  }

  /// Loads the knowledge base. `check` passes `useCache: false`: it reads every file itself, and
  /// cached entries do not keep the places of their keys and values that its messages point at.
  func load(useCache: Bool = true) throws -> (KnowledgeBase, path: String) {
    let path = try locate()
    let progress = showingProgress()
    defer { progress.stop() }
    do {
      let kb = try Loader.load(path, cache: useCache ? cache : nil, locations: !useCache)
      KeptUntilExit.keep(kb)
      return (kb, path)
    } catch {
      throw failure(error.description)
    }
  }

  /// A session over the knowledge base. With `searching`, its index is read from the cache on a
  /// second thread while the entries load; otherwise it is built only if a query needs it.
  func session(format: Format? = nil, searching: Bool = true) throws -> Session {
    let path = try locate()
    let prefetch = searching ? cache.map { IndexPrefetch(path: $0.indexFile(forRoot: path)) } : nil
    let progress = showingProgress()
    defer { progress.stop() }
    let (kb, _) = try load()
    let cache = self.cache
    let session = Session(
      knowledgeBase: kb, path: path,
      searches: SavedSearches(
        personalPath: StorePaths.personal(environment: Context.environment),
        sharedPath: SharedStore(knowledgeBase: path).path),
      outputIsTerminal: Context.terminal.stdoutIsTTY,
      searcher: searching ? Searcher(kb, prefetched: prefetch) : nil,
      load: { try Loader.load($0, cache: cache, locations: false) })
    session.format = format
    KeptUntilExit.keep(session)
    return session
  }
}

/// A progress line on standard error while a long load runs, when standard error is a terminal
/// and `TERM` is not `dumb` (one at a time: a load inside a session's load shows none of its
/// own). `SAFETYKB_PROGRESS_AFTER` (seconds, default 1) says how long a load runs before the line
/// shows.
struct ShownProgress {
  nonisolated(unsafe) private static var active = false
  private let line: ProgressLine?

  fileprivate init() {
    guard
      ProgressLine.isWanted(stderrIsTerminal: isatty(2) == 1, dumb: Context.terminal.isDumb),
      !Self.active
    else {
      line = nil
      return
    }
    Self.active = true
    let delay = Context.environment["SAFETYKB_PROGRESS_AFTER"].flatMap(Double.init) ?? 1
    line = ProgressLine(after: delay)
  }

  func stop() {
    guard let line else { return }
    line.stop()
    Self.active = false
  }
}

func showingProgress() -> ShownProgress { ShownProgress() }

/// `--format` and `--color`.
struct OutputOptions: ParsableArguments {
  @Option(
    help:
      "table, tsv, csv, json, jsonl, ids or markdown (default: table on a terminal, tsv otherwise)."
  )
  var format: Format?

  @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set or TERM=dumb), always, never.")
  var color: ColorChoice = .auto

  var presenter: Presenter { .standard(color: color) }
}

extension Presenter {
  /// The presenter for standard output, by the terminal facts.
  static func standard(color: ColorChoice = .auto) -> Presenter {
    Presenter(options: Context.terminal.renderOptions(color: color))
  }
}

extension Session {
  /// Executes one command from the command line: notices on standard error, content on standard
  /// output; exits 1 when a query found nothing and 2 when it failed, like grep.
  func executeOnce(_ command: Command, presenter: Presenter) throws {
    asksQuestions = false
    let outcome = execute(command)
    KeptUntilExit.keep(outcome)
    var port = StandardPort()
    let loop = SessionLoop(session: self, presenter: presenter, policy: .batch)
    let delivered = loop.deliver(outcome, to: &port)
    switch outcome.status {
    case .failed: throw ExitCode(2)
    case .foundNothing: throw ExitCode(1)
    case .ok: if !delivered { throw ExitCode(2) }
    }
  }
}

/// The words after a command joined into one query (`--` dropped).
func queryText(_ words: [String], missing: String) throws -> String {
  let text = words.filter { $0 != "--" }.joined(separator: " ")
  if text.allSatisfy(\.isWhitespace) { throw failure(missing) }
  return text
}
