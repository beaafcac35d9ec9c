import QueryEngine
import SearchStore

/// Lets the query engine find saved searches in the stores (personal first, then shared). The
/// catalog is read once per query, so a search saved by another shell is seen at once.
public struct SavedSearchBridge: SavedSearchProvider {
  public let catalog: SearchCatalog

  public init(_ store: SavedSearches?) {
    catalog = store?.load() ?? SearchCatalog(searches: [], problems: [])
  }

  public func savedSearch(named name: String) -> SavedSearchText? {
    catalog.lookup(name: name).map { SavedSearchText(name: $0.name, query: $0.search.query) }
  }

  public var savedSearchNames: [String] { catalog.names }
}
