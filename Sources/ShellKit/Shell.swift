import KnowledgeModel
import QueryEngine
import Rendering
import SearchStore
import TerminalText

/// The shell's state and its one entry point, `run(_:)`: a line in, a response out. Every input
/// source (a terminal through libedit, a pipe, a file) goes through it. It never touches the
/// terminal.
public final class Shell {
  public private(set) var kb: KnowledgeBase
  public private(set) var runner: QueryRunner
  public private(set) var presenter: EntryPresenter
  /// The folder the knowledge base was loaded from, for `.reload`.
  public let kbPath: String
  public let searches: SavedSearches?
  /// The output format; nil means table on a terminal, TSV elsewhere.
  public var format: Format?
  /// The last query run, for `@last` and `.save NAME`.
  public internal(set) var lastQuery: String?
  /// The last query as the user typed it, for `.save NAME` (nil when it used `@last`, whose
  /// meaning would change: then the expanded `lastQuery` is saved).
  var lastTyped: String?
  /// A save waiting for the user to confirm an overwrite.
  var pendingSave: (name: String, query: String)?
  /// How the knowledge base is loaded again (`.reload`); tests replace it.
  let load: @Sendable (String) throws -> KnowledgeBase

  public init(
    knowledgeBase: KnowledgeBase, path: String, searches: SavedSearches?,
    load: @escaping @Sendable (String) throws -> KnowledgeBase = { try Loader.load($0) }
  ) {
    kb = knowledgeBase
    kbPath = path
    self.searches = searches
    self.load = load
    runner = QueryRunner(searcher: Searcher(knowledgeBase), searches: searches)
    presenter = EntryPresenter(kb: knowledgeBase)
  }

  /// The format to use for output with these options.
  public func effectiveFormat(_ options: RenderOptions) -> Format {
    format ?? (options.terminal ? .table : .tsv)
  }

  /// Runs one line: a dot-command, a bare `help`/`quit`/`exit`, `!command`, or a query with an
  /// optional `! command` after it.
  public func run(_ line: String, options: RenderOptions) -> ShellResponse {
    let trimmed = line.trimmed
    if trimmed.isEmpty { return ShellResponse() }
    if trimmed.hasPrefix("!") {
      var response = ShellResponse()
      let command = String(trimmed.dropFirst()).trimmed
      if command.isEmpty { return .error("expected a command after '!'") }
      response.shellCommand = command
      return response
    }
    let (word, rest) = trimmed.splitCommand()
    if let command = ShellCommand.named(word), word.hasPrefix(".") || rest.isEmpty {
      return run(command, rest, options: options)
    }
    if word.hasPrefix(".") {
      let names = ShellCommand.all.map(\.name)
      return .error(
        "unknown command '\(word)'" + Suggestion.didYouMean(word, in: names)
          + "; type .help for the list")
    }
    return query(trimmed, options: options)
  }

  func run(_ command: ShellCommand, _ argument: String, options: RenderOptions) -> ShellResponse {
    switch command.action {
    case .help: return help(argument)
    case .show: return show(argument, options: options)
    case .explain: return explain(argument)
    case .brief: return brief(argument)
    case .vocab: return vocab(argument, options: options)
    case .format: return setFormat(argument, options: options)
    case .save: return save(argument)
    case .searches: return listSearches(options: options)
    case .delete: return delete(argument)
    case .reload: return reload()
    case .quit: return ShellResponse(quit: true)
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

  /// Replaces the knowledge base (after `.reload`).
  func adopt(_ knowledgeBase: KnowledgeBase) {
    kb = knowledgeBase
    runner = QueryRunner(searcher: Searcher(knowledgeBase), searches: searches)
    presenter = EntryPresenter(kb: knowledgeBase)
  }
}
