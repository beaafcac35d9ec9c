import KnowledgeModel
import QueryEngine
import Rendering
import SearchStore
import TerminalText

extension Session {
  /// `.save NAME [QUERY]`: the query, or the last one run. An existing name asks first, unless
  /// `force` (the caller shows the question and calls `answer(_:)`) or nobody can be asked (then
  /// the store refuses).
  func save(name: String, query given: String?, description: String?, force: Bool) -> Outcome {
    guard let query = given ?? lastTyped ?? lastQuery else {
      return .failure(.error("no query to save: run one first, or give it: .save \(name) QUERY"))
    }
    guard searches != nil else { return .failure(.error("saved searches are not available")) }
    if !force, asksQuestions, catalog.searches.contains(where: { $0.name == name }) {
      pending = .save(name: name, query: query)
      var outcome = Outcome()
      outcome.question = "a saved search named '\(name)' exists; replace it? [y/N] "
      return outcome
    }
    return commitSave(name: name, query: query, description: description, force: force)
  }

  /// The reply to a pending save's question; nil when it could not be asked.
  func answerSave(name: String, query: String, reply: String?) -> Outcome {
    guard let reply else {
      var outcome = Outcome.text("not saved\n")
      outcome.fail(
        .error("not replaced: confirm on a terminal, or use `safetykb searches save --force`"))
      return outcome
    }
    guard Session.isYes(reply) else { return .text("not saved\n") }
    return commitSave(name: name, query: query, description: nil, force: true)
  }

  func commitSave(name: String, query: String, description: String?, force: Bool) -> Outcome {
    guard let store = searches else { return .failure(.error("saved searches are not available")) }
    let searcher = runner.searcher
    let catalog = self.catalog
    let outcome: SaveOutcome
    do {
      outcome = try store.save(name: name, query: query, description: description, force: force) {
        text in
        do throws(QueryError) {
          try searcher.validateSavedSearch(name: name, query: text, savedSearches: catalog)
          return nil
        } catch {
          return error.renderedWithoutLabel
        }
      }
    } catch {
      return .failure(.error(error.description))
    }
    if let searches { self.catalog = searches.load() }
    let verb: String
    switch outcome {
    case .created: verb = "saved"
    case .replaced: verb = "replaced"
    case .shadowedShared: verb = "saved (your search now shadows the shared one)"
    }
    return .text("\(verb) @\(name): \(query)\n")
  }

  func delete(_ name: String) -> Outcome {
    guard let store = searches else { return .failure(.error("saved searches are not available")) }
    do {
      switch try store.delete(name: name) {
      case .deleted: return .text("deleted @\(name)\n")
      case .deletedRevealingShared:
        return .text("deleted @\(name); the shared search of that name is in use again\n")
      }
    } catch {
      return .failure(.error(error.description))
    }
  }

  /// `.searches`: each search with its origin, description, query and live count.
  func listSearches() -> Outcome {
    let table = SearchListing(runner: runner, catalog: catalog).table()
    var outcome = Outcome(notices: storeProblems)
    if table.size == 0 {
      outcome.content = .text("no saved searches yet: run a query, then .save NAME\n")
    } else {
      outcome.content = .tables([table], effectiveFormat)
    }
    return outcome
  }

  /// One saved search: its name, origin, description, query and times.
  func describeSearch(_ name: String) -> Outcome {
    guard let store = searches else { return .failure(.error("saved searches are not available")) }
    do {
      let listed = try store.resolve(name: name)
      var text =
        "name: \(listed.name)\norigin: \(listed.origin)\(listed.kb.map { " (\($0))" } ?? "")\n"
      if let d = listed.search.description { text += "description: \(d)\n" }
      text += "query: \(listed.search.query)\n"
      if let c = listed.search.created { text += "created: \(Timestamp.format(c))\n" }
      if let u = listed.search.updated { text += "updated: \(Timestamp.format(u))\n" }
      return .text(Escaping.visibleKeepingLines(text))
    } catch {
      return .failure(.error(error.description))
    }
  }
}

extension QueryError {
  /// The rendered error without its leading `error: `, for messages that already say what failed
  /// (`cannot save 'x': …`).
  public var renderedWithoutLabel: String {
    let text = rendered
    return text.hasPrefix("error: ") ? String(text.dropFirst(7)) : text
  }
}
