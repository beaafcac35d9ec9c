import QueryEngine
import Rendering
import TerminalText

extension Session {
  /// Runs a query and remembers it as `@last`.
  func query(_ text: String, pipeTo pipe: String?) -> Outcome {
    let result: QueryRunner.Outcome
    do {
      // A ranked table shows each entry's snippet under its row; data and pipes do not.
      result = try runner.run(
        text, savedSearches: catalog, lastQuery: lastQuery,
        snippets: effectiveFormat == .table && pipe == nil)
    } catch {
      return .failure(Notice(error))
    }
    let previous = lastQuery
    lastQuery = result.result.query.description
    lastWords = result.result.matchedWords
    lastTyped = text.lowercased().contains("@last") ? nil : text
    var outcome = Outcome(
      .tables([result.table], effectiveFormat),
      notices: result.result.warnings.map { Notice($0, in: text) },
      status: result.result.found ? .ok : .foundNothing)
    outcome.pipeTo = pipe
    if !result.result.found,
      let suggestion = runner.suggestion(for: text, savedSearches: catalog, lastQuery: previous)
    {
      // No dead end: the nearest query that finds something, which `.yes` runs.
      suggested = suggestion.query
      let hint = asksQuestions ? "; type .yes to run it" : ""
      outcome.notices.append(Notice(.note, suggestion.description + hint))
    }
    return outcome
  }

  /// `.yes`: runs the query the last empty result suggested.
  func accept(_ suggestion: String?) -> Outcome {
    guard let query = suggestion else {
      return .failure(
        .error(
          "no suggestion to accept: '.yes' runs the query a search that found nothing suggested"))
    }
    return self.query(query, pipeTo: nil)
  }

  func explain(_ text: String) -> Outcome {
    do {
      let explanation = try runner.explain(text, savedSearches: catalog, lastQuery: lastQuery)
      return .text(Escaping.visibleKeepingLines(explanation) + "\n")
    } catch {
      return .failure(Notice(error))
    }
  }
}
