import KnowledgeModel
import LineEditing
import QueryEngine
import SearchStore
import ShellKit

extension Session {
  /// A session over loaded knowledge bases, with the personal saved searches and each knowledge
  /// base's shared ones, reloading through `cache`, told the terminal's facts once. The index is
  /// `searcher`'s when one is given (the query server's, kept in memory); else, with
  /// `searching`, it is made now (from `prefetched` when it was read on a second thread while
  /// the entries loaded); otherwise only if a query needs it.
  public static func open(
    _ parts: [KnowledgeBase], paths: [String], cache: CacheLocation?, prefetched: IndexPrefetch?,
    searching: Bool, terminal: TerminalInfo, environment: [String: String],
    searcher: Searcher? = nil
  ) -> Session {
    let shared = zip(parts, paths).map { ($0.name, SharedStore(knowledgeBase: $1).path) }
    let session = Session(
      knowledgeBases: parts, paths: paths,
      searches: SavedSearches(
        personalPath: StorePaths.personal(environment: environment), shared: shared),
      outputIsTerminal: terminal.stdoutIsTTY, searcher: searcher,
      load: { try Loader.load($0, cache: cache, locations: false) })
    if searching, searcher == nil { session.prepareSearcher(prefetched: prefetched) }
    session.screenRows = terminal.rows
    session.editorCommand = chosenEditor(environment: environment)
    return session
  }
}
