/// The text of a saved search: a query that may use `$1` … `$9` and may end in stages.
public struct SavedSearchText: Hashable, Sendable {
  public var name: String
  public var query: String

  public init(name: String, query: String) {
    self.name = name
    self.query = query
  }
}

/// Where the engine finds saved searches. The shell's store implements it.
public protocol SavedSearchProvider: Sendable {
  func savedSearch(named name: String) -> SavedSearchText?
  /// Every name, for suggestions.
  var savedSearchNames: [String] { get }
}

/// A provider that knows no saved searches.
public struct NoSavedSearches: SavedSearchProvider {
  public init() {}
  public func savedSearch(named name: String) -> SavedSearchText? { nil }
  public var savedSearchNames: [String] { [] }
}

/// A provider over a fixed dictionary, handy for tests and one-shot use.
public struct SavedSearchList: SavedSearchProvider {
  public var searches: [String: String]

  public init(_ searches: [String: String]) { self.searches = searches }

  public func savedSearch(named name: String) -> SavedSearchText? {
    searches[name].map { SavedSearchText(name: name, query: $0) }
  }

  public var savedSearchNames: [String] { searches.keys.sorted() }
}
