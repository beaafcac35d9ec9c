import KnowledgeModel

/// The result of loading: the searches in use and the problems found.
public struct SearchCatalog: Sendable, Equatable {
  /// Sorted by name; one per name (the personal one when both stores have it).
  public var searches: [ListedSearch]
  /// Located problems in either file, rendered as `path:line:column: error: message`.
  public var problems: [StoreProblem]

  public init(searches: [ListedSearch], problems: [StoreProblem]) {
    self.searches = searches
    self.problems = problems
  }

  public var names: [String] { searches.map(\.name) }

  public func lookup(name: String) -> ListedSearch? {
    searches.first { $0.name == name }
  }

  public func resolve(name: String) throws(SearchStoreError) -> ListedSearch {
    if let found = lookup(name: name) { return found }
    throw .notFound(name: name, suggestion: Suggestion.nearest(name, in: names).first)
  }
}
