import Briefing
import TerminalText

extension Session {
  /// A briefing handout of the query's entries: written to `file` (HTML when its name ends in
  /// `.html`, else Markdown), or shown in `format` (Markdown by default).
  func brief(_ query: String, title: String?, format: Briefing.Format?, file: String?) -> Outcome {
    let briefing: Briefing
    do {
      briefing = try Briefing(
        query: query, title: title, searcher: runner.searcher, savedSearches: catalog,
        lastQuery: lastQuery)
    } catch {
      return .failure(Notice(error))
    }
    let status: Outcome.Status = briefing.items.isEmpty ? .foundNothing : .ok
    guard let file else {
      let page = briefing.render(as: format ?? .markdown)
      // On a terminal, text from the knowledge base is shown escaped, as everywhere.
      return Outcome(
        .text(outputIsTerminal ? Escaping.visibleKeepingLines(page) : page), status: status)
    }
    do {
      try briefing.write(toFile: file)
    } catch {
      return .failure(.error(error.description))
    }
    let n = briefing.items.count
    return Outcome(
      .text("wrote \(n) \(n == 1 ? "entry" : "entries") to \(Escaping.visible(file))\n"),
      status: status)
  }
}
