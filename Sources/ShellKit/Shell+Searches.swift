import KnowledgeModel
import QueryEngine
import Rendering
import SearchStore

extension Shell {
  /// `.save NAME [QUERY]`: the query, or the last one run. An existing name asks first (the
  /// caller shows the question and calls `confirm(_:)`).
  func save(_ argument: String) -> ShellResponse {
    let (name, given) = argument.splitCommand()
    if name.isEmpty { return .error("expected a name after '.save'") }
    guard let query = given.isEmpty ? (lastTyped ?? lastQuery) : given else {
      return .error("no query to save: run one first, or give it: .save \(name) QUERY")
    }
    guard let store = searches else { return .error("saved searches are not available") }
    if store.load().searches.contains(where: { $0.name == name }) {
      pendingSave = (name, query)
      var response = ShellResponse()
      response.confirmation = "a saved search named '\(name)' exists; replace it? [y/N] "
      return response
    }
    return commitSave(name: name, query: query, force: false)
  }

  /// The answer to a pending confirmation.
  public func confirm(_ yes: Bool) -> ShellResponse {
    guard let pending = pendingSave else { return ShellResponse() }
    pendingSave = nil
    guard yes else { return ShellResponse(output: "not saved\n") }
    return commitSave(name: pending.name, query: pending.query, force: true)
  }

  func commitSave(name: String, query: String, force: Bool) -> ShellResponse {
    guard let store = searches else { return .error("saved searches are not available") }
    let searcher = runner.searcher
    let bridge = SavedSearchBridge(store)
    let outcome: SaveOutcome
    do {
      outcome = try store.save(name: name, query: query, force: force) { text in
        do throws(QueryError) {
          try searcher.validateSavedSearch(name: name, query: text, savedSearches: bridge)
          return nil
        } catch {
          return error.renderedWithoutLabel
        }
      }
    } catch {
      return .error(error.description)
    }
    let verb: String
    switch outcome {
    case .created: verb = "saved"
    case .replaced: verb = "replaced"
    case .shadowedShared: verb = "saved (your search now shadows the shared one)"
    }
    return ShellResponse(output: "\(verb) @\(name): \(query)\n")
  }

  func delete(_ argument: String) -> ShellResponse {
    let name = argument.trimmed
    if name.isEmpty { return .error("expected a name after '.delete'") }
    guard let store = searches else { return .error("saved searches are not available") }
    do {
      switch try store.delete(name: name) {
      case .deleted: return ShellResponse(output: "deleted @\(name)\n")
      case .deletedRevealingShared:
        return ShellResponse(
          output: "deleted @\(name); the shared search of that name is in use again\n")
      }
    } catch {
      return .error(error.description)
    }
  }

  /// `.searches`: each search with its origin, description, query and live count.
  func listSearches(options: RenderOptions) -> ShellResponse {
    let report = SearchListing(runner: runner, store: searches)
    var response = ShellResponse()
    let (table, problems) = report.table()
    for problem in problems { response.diagnostics += problem + "\n" }
    if table.size == 0 {
      response.output = "no saved searches yet: run a query, then .save NAME\n"
      return response
    }
    var text = ""
    Renderer.render(table, as: effectiveFormat(options), options: options, into: &text)
    response.output = text
    return response
  }
}
