import Briefing
import TerminalText

extension Shell {
  /// `.brief QUERY [> FILE]`: a briefing handout of the query's entries, written to FILE (HTML
  /// when its name ends in `.html`, else Markdown) or shown as Markdown.
  func brief(_ argument: String) -> ShellResponse {
    let (query, file) = Briefing.splitOutput(argument)
    if query.isEmpty { return .error("expected a query after '.brief'") }
    if file?.isEmpty == true { return .error("expected a file name after '>'") }
    let briefing: Briefing
    do {
      briefing = try Briefing(
        query: query, searcher: runner.searcher, savedSearches: SavedSearchBridge(runner.searches),
        lastQuery: lastQuery)
    } catch {
      return ShellResponse(diagnostics: error.rendered + "\n", failed: true)
    }
    guard let file else {
      return ShellResponse(output: Escaping.visibleKeepingLines(briefing.markdown))
    }
    do {
      try briefing.write(toFile: file)
    } catch {
      return .error("cannot write '\(Escaping.visible(file))': \(error.localizedDescription)")
    }
    let n = briefing.items.count
    return ShellResponse(
      output: "wrote \(n) \(n == 1 ? "entry" : "entries") to \(Escaping.visible(file))\n")
  }
}
