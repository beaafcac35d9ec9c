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

/// `--kb DIR` (repeatable) and `--no-cache`, shared by every command that opens a knowledge
/// base, and the session over it.
struct KnowledgeBaseOptions: ParsableArguments {
  @Option(
    name: .customLong("kb"),
    help: ArgumentHelp(
      "A knowledge base folder; repeat to search several together (default: $SAFETYKB_KB, the config file, ./knowledge, or the bundled one).",
      valueName: "dir"),
    completion: .directory)
  var folders: [String] = []

  @Flag(
    name: .customLong("no-cache"),
    help: "Load every file and build the index afresh, without reading or writing the cache.")
  var noCache = false

  /// The cache to load through, unless `--no-cache`.
  /// With it, loads ask the watch daemon what changed (`SAFETYKB_WATCH`, see `WatchUse`).
  var cache: CacheLocation? {
    guard !noCache, var cache = CacheLocation.standard(environment: Context.environment) else {
      return nil
    }
    cache.watch = WatchUse.from(environment: Context.environment, executable: Context.executable)
    return cache
  }

  /// Finds the knowledge bases, or fails with a clear message.
  func locate() throws -> [String] {
    switch KnowledgeBaseLocator.locateAll(flags: folders, environment: Context.environment) {
    case .failure(let error): throw failure(error.description)
    case .success(let found) where found.isEmpty:
      throw failure(
        "no knowledge base found: pass --kb DIR, set SAFETYKB_KB, or run from a folder with knowledge/vocabulary.yaml"
      )
    case .success(let found): return found.map(\.path)
    }
  }

  /// Loads the knowledge bases. `check` passes `useCache: false`, since it reads every file itself,
  /// and `bodies: false`, since it needs only to know whether a body is blank. No entry keeps the
  /// places of its keys and values: `check` reads the file of an entry with a problem again for
  /// them (`KnowledgeBase.places(of:)`).
  /// `paths`: the folders `locate()` found already, when the caller has them.
  func load(useCache: Bool = true, bodies: Bool = true, paths known: [String]? = nil) throws
    -> (parts: [KnowledgeBase], paths: [String])
  {
    let paths = try known ?? locate()
    let progress = showingProgress()
    defer { progress.stop() }
    do {
      let parts = try paths.map {
        try Loader.load($0, cache: useCache ? cache : nil, locations: false, bodies: bodies)
      }
      KeptUntilExit.keep(parts)
      return (parts, paths)
    } catch {
      throw failure("\(error)")
    }
  }

  /// A session over the knowledge bases (see `Session.open`); `paths` as for `load`.
  func session(format: Format? = nil, searching: Bool = true, paths known: [String]? = nil)
    throws -> Session
  {
    let paths = try known ?? locate()
    let prefetch =
      searching && paths.count == 1
      ? cache.map { IndexPrefetch(path: $0.indexFile(forRoot: paths[0])) } : nil
    let progress = showingProgress()
    defer { progress.stop() }
    let session = Session.open(
      try load(paths: paths).parts, paths: paths, cache: cache,
      prefetched: searching ? prefetch : nil,
      searching: searching, terminal: Context.terminal, environment: Context.environment)
    session.format = format
    KeptUntilExit.keep(session)
    return session
  }
}

extension KnowledgeBaseOptions {
  /// Asks the query server in the watch daemon of the knowledge base in `paths` (as `locate()`
  /// found them) to answer `request` (a `query`, `show` or `explain`) on this process's streams
  /// (see `QueryServer`); the exit status when it did, nil when the command must answer by
  /// itself (no daemon or server, several knowledge bases, `--no-cache`, `SAFETYKB_WATCH=never`
  /// or `SAFETYKB_SERVE=never`, or a server that declined).
  func served(_ request: QueryRequest, paths: [String]) throws -> Int32? {
    guard QueryService.enabled(environment: Context.environment), paths.count == 1,
      let cache, cache.watch != nil
    else { return nil }
    var request = request
    request.root = CacheLocation.absolute(paths[0])
    request.environment = Context.environment
    switch QueryClient.ask(request, state: cache.watchFolder(forRoot: paths[0])) {
    case .notServed: return nil
    case .answered(let status): return status
    case .interrupted:
      throw failure(
        "the query server stopped before it finished the answer; run the command again")
    }
  }

  /// `served`, its status as the program's exit code; false when the command must answer.
  func answeredByServer(_ request: QueryRequest, paths: [String]) throws -> Bool {
    guard let status = try served(request, paths: paths) else { return false }
    if status != 0 { throw ExitCode(status) }
    return true
  }
}

/// The progress line while a load runs, when standard error is a terminal.
func showingProgress() -> ShownProgress {
  ShownProgress(
    stderrIsTerminal: isatty(2) == 1, dumb: Context.terminal.isDumb,
    environment: Context.environment)
}

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
  /// `executeOnce`, its status as the program's exit code.
  func runOnce(_ command: Command, presenter: Presenter, asking: Bool = false) throws {
    let status = executeOnce(command, presenter: presenter, asking: asking)
    if status != 0 { throw ExitCode(status) }
  }
}

/// The words after a command joined into one query (`--` dropped).
func queryText(_ words: [String], missing: String) throws -> String {
  let text = words.filter { $0 != "--" }.joined(separator: " ")
  if text.allSatisfy(\.isWhitespace) { throw failure(missing) }
  return text
}
