import QueryEngine
import Rendering
import TerminalText

extension Session {
  /// Runs a query and remembers it as `@last`.
  func query(_ text: String, pipeTo pipe: String?) -> Outcome {
    let result: QueryRunner.Outcome
    do {
      result = try runner.run(text, savedSearches: catalog, lastQuery: lastQuery)
    } catch {
      return .failure(Notice(error))
    }
    lastQuery = result.result.query.description
    lastTyped = text.lowercased().contains("@last") ? nil : text
    var outcome = Outcome(
      .tables([result.table], effectiveFormat),
      notices: result.result.warnings.map { Notice($0, in: text) },
      status: result.result.found ? .ok : .foundNothing)
    outcome.pipeTo = pipe
    return outcome
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
