import Foundation

/// The saved searches a user sees: the personal store over the shared one. A personal search
/// shadows a shared one of the same name. Every call reads the files afresh, so a save made by
/// another shell is seen at once and nothing is written from a stale copy.
public struct SavedSearches: Sendable {
  public let personal: PersonalStore
  public let shared: SharedStore?
  /// The shared stores of the other knowledge bases searched together, with their names.
  public var otherShared: [(kb: String, store: SharedStore)] = []
  /// The name of the knowledge base `shared` belongs to, when there are several.
  public var sharedName: String?
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

  /// The personal store over the shared stores of several knowledge bases (name, path), the
  /// first one's searches winning over a later one's of the same name.
  public init(personalPath: String, shared: [(kb: String, path: String)]) {
    self.init(personalPath: personalPath, sharedPath: shared.first?.path)
    if shared.count > 1 {
      sharedName = shared[0].kb
      otherShared = shared.dropFirst().map { ($0.kb, SharedStore(path: $0.path)) }
    }
  }

  /// Every search in use, sorted by name, with the problems found in either file. A personal file
  /// that cannot be parsed is reported and the shared searches are still returned.
  public func load() -> SearchCatalog {
    let mine = personal.load()
    var theirs: [(kb: String?, searches: [SavedSearch])] = []
    var problems = mine.problems
    for (kb, store) in [(sharedName, shared)] + otherShared.map({ ($0.kb, Optional($0.store)) }) {
      guard let loaded = store?.load() else { continue }
      theirs.append((kb, loaded.searches))
      problems += loaded.problems
    }
    let sharedNames = Set(theirs.flatMap { $0.searches.map(\.name) })
    var taken = Set(mine.searches.map(\.name))
    var listed = mine.searches.map {
      ListedSearch(search: $0, origin: .personal, shadowsShared: sharedNames.contains($0.name))
    }
    for (kb, searches) in theirs {
      for search in searches where taken.insert(search.name).inserted {
        var one = ListedSearch(search: search, origin: .shared)
        one.kb = kb
        listed.append(one)
      }
    }
    listed.sort { $0.name < $1.name }
    return SearchCatalog(searches: listed, problems: problems)
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
