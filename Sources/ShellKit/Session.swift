import KnowledgeModel
import QueryEngine
import Rendering
import SearchStore
import TerminalText

/// The shell's state and its one entry point, `execute(_:)`: a command in, an outcome out. Every
/// input source (a terminal through libedit, a pipe, a file, the command line's arguments) goes
/// through it. It never touches the terminal and renders nothing.
public final class Session {
  public internal(set) var kb: KnowledgeBase
  /// The query engine over `kb`, built at the first query (`show` needs no index).
  public var runner: QueryRunner {
    if let built { return built }
    let runner = QueryRunner(searcher: Searcher(updating: previousIndex, for: kb))
    built = runner
    // An index brought up to date holds its base itself; any other is not needed again.
    previousIndex = nil
    return runner
  }
  private var built: QueryRunner?
  /// The index before the last reload, which the next one is brought up to date from.
  private var previousIndex: SearchIndex?
  public private(set) var presenter: EntryPresenter
  /// The knowledge bases searched together (one, usually); `kb` is them combined.
  public internal(set) var parts: [KnowledgeBase]
  /// The folders they were loaded from, for `.reload`.
  public let kbPaths: [String]
  /// The first folder: where `new` writes.
  public var kbPath: String { kbPaths[0] }
  public let searches: SavedSearches?
  /// The saved searches as read at the start of the last command: read once per command, for
  /// the query and for completion alike.
  public internal(set) var catalog: SearchCatalog
  /// Whether `catalog` was read for the coming command already (at start).
  private var catalogIsFresh = true
  /// The output format; nil means table on a terminal, TSV elsewhere.
  public var format: Format?
  /// Whether standard output is a terminal (decided once, by the caller).
  public let outputIsTerminal: Bool
  /// The last query run, for `@last` and `.save NAME`.
  public internal(set) var lastQuery: String?
  /// The last query as the user typed it, for `.save NAME` (nil when it used `@last`, whose
  /// meaning would change: then the expanded `lastQuery` is saved).
  var lastTyped: String?
  /// The query the last search that found nothing suggested, for `.yes`.
  var suggested: String?
  /// The full-text words of the last query, which `show` highlights on a colour terminal.
  var lastWords = MatchedWords()
  /// Whether a person can answer questions (false for a one-shot command).
  public var asksQuestions = true
  /// What waits for the user's reply to a question, or for the editor to exit.
  var pending: Pending?
  /// How many lines a screen holds: `tag` asks before changing more files than that.
  public var screenRows = 24
  /// Whether files changed on disk are taken in before each command (a shell, not a one-shot
  /// command, which has just loaded them).
  public var watchesFiles = true
  /// One inotify watcher per knowledge base (nil where none could be set up).
  var watchers: [FolderWatcher?] = []
  /// The editor command (`$VISUAL`, else `$EDITOR`, else `vi`), run through `/bin/sh -c`.
  public var editorCommand = "vi"
  /// How the knowledge base is loaded again (`.reload`); tests replace it.
  let load: @Sendable (String) throws -> KnowledgeBase

  public convenience init(
    knowledgeBase: KnowledgeBase, path: String, searches: SavedSearches?,
    outputIsTerminal: Bool = false, searcher: Searcher? = nil,
    load: @escaping @Sendable (String) throws -> KnowledgeBase = { try Loader.load($0) }
  ) {
    self.init(
      knowledgeBases: [knowledgeBase], paths: [path], searches: searches,
      outputIsTerminal: outputIsTerminal, searcher: searcher, load: load)
  }

  /// A session over several knowledge bases searched as one (`KnowledgeBase.combined`).
  public init(
    knowledgeBases: [KnowledgeBase], paths: [String], searches: SavedSearches?,
    outputIsTerminal: Bool = false, searcher: Searcher? = nil,
    load: @escaping @Sendable (String) throws -> KnowledgeBase = { try Loader.load($0) }
  ) {
    parts = knowledgeBases
    let knowledgeBase = KnowledgeBase.combined(knowledgeBases).0
    kb = knowledgeBase
    kbPaths = paths
    self.searches = searches
    self.outputIsTerminal = outputIsTerminal
    self.load = load
    catalog = searches?.load() ?? SearchCatalog()
    built = searcher.map(QueryRunner.init)
    presenter = EntryPresenter(kb: knowledgeBase)
  }

  /// Builds the query engine now (reading the index a prefetch has read, when its key fits).
  public func prepareSearcher(prefetched: IndexPrefetch?) {
    built = QueryRunner(searcher: Searcher(cachedFor: kb, prefetched: prefetched))
  }

  /// The format results are shown in now.
  public var effectiveFormat: Format { format ?? (outputIsTerminal ? .table : .tsv) }

  /// Tab completion over the knowledge base and the saved searches as last read (values read
  /// from the index once it is built).
  public var completer: Completer {
    // After a reload by a command that asked no query (`.reload`, `.vocab`…), the index is
    // brought up to date from the one before when that is a merge of the few entries changed,
    // rather than every entry read for the values offered (about half a second a Tab at 100,000
    // entries). One that would take a build (a new vocabulary, many changes) waits for a query.
    if built == nil, previousIndex != nil, let searcher = Searcher(merging: previousIndex, for: kb)
    {
      built = QueryRunner(searcher: searcher)
      previousIndex = nil
    }
    return Completer(kb: kb, savedSearchNames: catalog.names, index: built?.searcher.index)
  }

  /// Problems with the saved-search files, to show once at start.
  public var storeProblems: [Notice] { catalog.problems.map { .warning($0.description) } }

  /// Carries out one command.
  public func execute(_ command: Command) -> Outcome {
    if let searches, !catalogIsFresh { catalog = searches.load() }
    catalogIsFresh = false
    let notes = Session.readsKnowledgeBase(command) ? reloadChangedFiles() : []
    var outcome = carryOut(command)
    outcome.notices.insert(contentsOf: notes, at: 0)
    return outcome
  }

  func carryOut(_ command: Command) -> Outcome {
    let suggestion = suggested
    suggested = nil
    switch command {
    case .acceptSuggestion: return accept(suggestion)
    case .nothing: return Outcome()
    case .query(let text, let pipe): return query(text, pipeTo: pipe)
    case .system(let line):
      var outcome = Outcome()
      outcome.system = line
      return outcome
    case .show(let ids, let style): return show(ids, style: style)
    case .explain(let text): return explain(text)
    case .brief(let query, let title, let format, let file):
      return brief(query, title: title, format: format, file: file)
    case .vocab(let section): return vocab(section)
    case .format(let name): return setFormat(name)
    case .save(let name, let query, let description, let force):
      return save(name: name, query: query, description: description, force: force)
    case .searches: return listSearches()
    case .search(let name): return describeSearch(name)
    case .delete(let name): return delete(name)
    case .reload: return reload()
    case .tag(let changes, let query, let dryRun): return tag(changes, query: query, dryRun: dryRun)
    case .new(let kind, let title, let edit): return newEntry(kind: kind, title: title, edit: edit)
    case .edit(let id): return editEntry(id)
    case .help(let topic): return help(topic)
    case .quit:
      var outcome = Outcome()
      outcome.quit = true
      return outcome
    }
  }

  /// Reads a shell line and carries it out.
  public func execute(line: String) -> Outcome {
    do {
      return execute(try Command.parse(line))
    } catch {
      return .failure(error)
    }
  }

  /// A one-line banner: the knowledge base, its size, files that failed, and where help is.
  public var banner: String {
    let name = kb.name.lowercased().contains("safetykb") ? kb.name : "SafetyKB — \(kb.name)"
    var text = "\(Escaping.visible(name)): \(kb.entries.count) entries"
    if kb.failedFiles > 0 {
      text +=
        "; \(kb.failedFiles) file\(kb.failedFiles == 1 ? "" : "s") failed to load (see .reload, safetykb check)"
    }
    return text + ". Type .help for help, Ctrl-D to leave."
  }

  /// Replaces the knowledge bases (after a reload).
  func adopt(_ knowledgeBases: [KnowledgeBase]) {
    parts = knowledgeBases
    kb = KnowledgeBase.combined(knowledgeBases).0
    if let built { previousIndex = built.searcher.index }
    built = nil
    presenter = EntryPresenter(kb: kb)
  }
}
