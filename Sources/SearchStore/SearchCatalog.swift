import KnowledgeModel
import QueryEngine

/// The result of loading: the searches in use and the problems found.
public struct SearchCatalog: SavedSearchProvider, Equatable {
  /// Sorted by name; one per name (the personal one when both stores have it).
  public var searches: [ListedSearch]
  /// Located problems in either file, rendered as `path:line:column: error: message`.
  public var problems: [StoreProblem]

  public init(searches: [ListedSearch] = [], problems: [StoreProblem] = []) {
    self.searches = searches
    self.problems = problems
  }

  public var names: [String] { searches.map(\.name) }
  public var savedSearchNames: [String] { names }

  public func lookup(name: String) -> ListedSearch? {
    searches.first { $0.name == name }
  }

  public func resolve(name: String) throws(SearchStoreError) -> ListedSearch {
    if let found = lookup(name: name) { return found }
    throw .notFound(name: name, suggestion: Suggestion.nearest(name, in: names).first)
  }

  /// The query engine's view: a search's name and query.
  public func savedSearch(named name: String) -> SavedSearchText? {
    lookup(name: name).map { SavedSearchText(name: $0.name, query: $0.search.query) }
  }
}
