import Foundation

/// The saved searches a user sees: the personal store over the shared one. A personal search
/// shadows a shared one of the same name. Every call reads the files afresh, so a save made by
/// another shell is seen at once and nothing is written from a stale copy.
public struct SavedSearches: Sendable {
  public let personal: PersonalStore
  public let shared: SharedStore?
  /// The clock used for `created` and `updated` (tests pass a fixed one).
  public let now: @Sendable () -> Date

  public init(
    personal: PersonalStore, shared: SharedStore?, now: @escaping @Sendable () -> Date = Date.init
  ) {
    self.personal = personal
    self.shared = shared
    self.now = now
  }

  public init(personalPath: String, sharedPath: String?) {
    self.init(
      personal: PersonalStore(path: personalPath), shared: sharedPath.map { SharedStore(path: $0) })
  }

  /// Every search in use, sorted by name, with the problems found in either file. A personal file
  /// that cannot be parsed is reported and the shared searches are still returned.
  public func load() -> SearchCatalog {
    let mine = personal.load()
    let theirs = shared?.load() ?? (searches: [], problems: [])
    let sharedNames = Set(theirs.searches.map(\.name))
    let personalNames = Set(mine.searches.map(\.name))
    var listed = mine.searches.map {
      ListedSearch(search: $0, origin: .personal, shadowsShared: sharedNames.contains($0.name))
    }
    listed += theirs.searches.filter { !personalNames.contains($0.name) }.map {
      ListedSearch(search: $0, origin: .shared)
    }
    listed.sort { $0.name < $1.name }
    return SearchCatalog(searches: listed, problems: mine.problems + theirs.problems)
  }

  /// The search in use under `name`, or nil.
  public func lookup(name: String) -> ListedSearch? {
    load().lookup(name: name)
  }

  /// The search in use under `name`, or `notFound` with the nearest name as a suggestion.
  public func resolve(name: String) throws(SearchStoreError) -> ListedSearch {
    try load().resolve(name: name)
  }
}
