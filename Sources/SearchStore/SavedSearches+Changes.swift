import Foundation
import KnowledgeModel
import QueryEngine

extension SavedSearches {
  /// Saves `query` under `name` in the personal store.
  ///
  /// Refused: a name that is not a slug or is reserved (`last`), an empty query, a query with a
  /// shell pipe (`!` outside quotes), a query `validate` rejects (it returns a message, or nil
  /// when the query is good), and — without `force` — an existing name, personal or shared.
  /// Replacing keeps `created`, other keys and the search's place; a nil `description` keeps the
  /// old one. `validate` runs before the store is locked, so it may look saved searches up.
  @discardableResult
  public func save(
    name: String, query: String, description: String? = nil, force: Bool = false,
    validate: (String) -> String? = { _ in nil }
  ) throws(SearchStoreError) -> SaveOutcome {
    if let refusal = SearchName.problem(name) { throw refusal }
    let query = query.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !query.isEmpty else { throw .emptyQuery(name: name) }
    guard !ShellPipe.contains(query) else { throw .shellPipe(name: name) }
    if let message = validate(query) { throw .invalidQuery(name: name, message: message) }
    let description = description?.trimmingCharacters(in: .whitespacesAndNewlines)
    let note = description?.isEmpty == true ? nil : description
    let isShared = shared?.load().searches.contains { $0.name == name } ?? false
    let time = now()
    return try personal.modify(.save) { (document) throws(SearchStoreError) in
      if let index = document.index(of: name) {
        guard force else { throw .alreadyExists(name: name) }
        let entry = SearchEntry.replacing(
          document.entries[index], query: query, description: note, now: time)
        document.replace(at: index, with: entry)
        return (.replaced, true)
      }
      if isShared && !force { throw .wouldShadowShared(name: name) }
      document.append(SearchEntry.make(name: name, query: query, description: note, now: time))
      return (isShared ? .shadowedShared : .created, true)
    }
  }

  /// Deletes the personal search `name`. A shared-only search cannot be deleted; an unknown name
  /// is `notFound` with a suggestion.
  @discardableResult
  public func delete(name: String) throws(SearchStoreError) -> DeleteOutcome {
    let sharedNames = shared?.load().searches.map(\.name) ?? []
    let isShared = sharedNames.contains(name)
    return try personal.modify(.delete) { (document) throws(SearchStoreError) in
      if document.remove(name: name) > 0 {
        return (isShared ? .deletedRevealingShared : .deleted, true)
      }
      if isShared { throw .sharedIsReadOnly(name: name) }
      let known = document.searches().searches.map(\.name) + sharedNames
      throw .notFound(name: name, suggestion: Suggestion.nearest(name, in: known).first)
    }
  }
}
