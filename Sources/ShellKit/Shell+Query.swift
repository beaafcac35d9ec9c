import QueryEngine
import Rendering

extension Shell {
  /// Runs a query (with `! command` split off), renders it in the current format, and remembers
  /// it as `@last`.
  func query(_ line: String, options: RenderOptions) -> ShellResponse {
    let (text, command) = LineSplitter.split(line)
    if let command, command.isEmpty { return .error("expected a command after '!'") }
    if text.isEmpty { return .error("expected a query before '!'") }
    var response = ShellResponse()
    do {
      var format = effectiveFormat(options)
      let outcome = try runner.run(
        text, lastQuery: lastQuery, snippets: format == .table && command == nil)
      lastQuery = outcome.result.query.description
      lastTyped = text.lowercased().contains("@last") ? nil : text
      for warning in outcome.warnings { response.diagnostics += warning + "\n" }
      var renderOptions = options
      if command != nil {
        // Results for another program: never a terminal table, never colour.
        if format == .table { format = .tsv }
        renderOptions = RenderOptions(width: options.width, color: false, terminal: false)
        response.pipeCommand = command
      }
      var text = ""
      Renderer.render(outcome.table, as: format, options: renderOptions, into: &text)
      response.output = text
      response.foundNothing = !outcome.result.found
    } catch {
      response.diagnostics += error.rendered + "\n"
      response.failed = true
    }
    return response
  }

  func explain(_ text: String) -> ShellResponse {
    if text.isEmpty { return .error("expected a query after '.explain'") }
    do {
      return ShellResponse(output: try runner.explain(text, lastQuery: lastQuery) + "\n")
    } catch {
      return ShellResponse(diagnostics: error.rendered + "\n", failed: true)
    }
  }
}
