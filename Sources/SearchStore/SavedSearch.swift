import Foundation

/// One saved search as written in a store file.
public struct SavedSearch: Sendable, Equatable {
  /// A slug: `[a-z0-9]+(-[a-z0-9]+)*`.
  public var name: String
  /// The query text, which may hold stages (`| ...`) and parameters (`$1`…`$9`).
  public var query: String
  public var description: String?
  /// When the search was first saved (nil when the file does not say, or says it unreadably).
  public var created: Date?
  /// When the search was last saved.
  public var updated: Date?

  public init(
    name: String, query: String, description: String? = nil, created: Date? = nil,
    updated: Date? = nil
  ) {
    self.name = name
    self.query = query
    self.description = description
    self.created = created
    self.updated = updated
  }
}

/// A saved search in a listing: the one in use under its name, where it comes from, and whether
/// it hides a shared search of the same name.
public struct ListedSearch: Sendable, Equatable {
  public var search: SavedSearch
  public var origin: SearchOrigin
  /// True for a personal search that shadows a shared one of the same name.
  public var shadowsShared: Bool
  /// For a shared search, when several knowledge bases are searched together: whose it is.
  public var kb: String?

  public init(search: SavedSearch, origin: SearchOrigin, shadowsShared: Bool = false) {
    self.search = search
    self.origin = origin
    self.shadowsShared = shadowsShared
  }

  public var name: String { search.name }
}
