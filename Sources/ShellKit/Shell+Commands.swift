import KnowledgeModel
import Rendering
import TerminalText

extension Shell {
  func show(_ argument: String, options: RenderOptions) -> ShellResponse {
    let ids = argument.split(whereSeparator: \.isWhitespace).map(String.init)
    if ids.isEmpty { return .error("expected an entry id after '.show'") }
    var response = ShellResponse()
    for id in ids {
      guard let entry = presenter.entry(id: id) else {
        response.diagnostics += "error: \(presenter.unknownID(id))\n"
        response.failed = true
        continue
      }
      let style: EntryViewRenderer.Style
      switch effectiveFormat(options) {
      case .json, .jsonl: style = .json
      case .markdown: style = .markdown
      default: style = .text
      }
      if !response.output.isEmpty { response.output += "\n" }
      response.output += EntryViewRenderer.render(
        presenter.view(entry, similar: runner.searcher.mostSimilar(to: entry.id)), as: style,
        options: options)
    }
    return response
  }

  func vocab(_ argument: String, options: RenderOptions) -> ShellResponse {
    var facets = Facet.allCases
    if !argument.isEmpty {
      guard let facet = VocabularyReport.facet(named: argument) else {
        return .error(
          "unknown vocabulary section '\(argument)'; expected tags, offices, outcomes or kinds"
            + Suggestion.didYouMean(argument, in: Facet.allCases.map(\.rawValue)))
      }
      facets = [facet]
    }
    let report = VocabularyReport(kb: kb)
    let format = effectiveFormat(options)
    var text = ""
    for (i, facet) in facets.enumerated() {
      if i > 0 { text += "\n" }
      Renderer.render(
        report.table(facet, tree: format == .table), as: format, options: options, into: &text)
    }
    return ShellResponse(output: text)
  }

  func setFormat(_ argument: String, options: RenderOptions) -> ShellResponse {
    if argument.isEmpty {
      let current = format.map(\.rawValue) ?? "auto (\(effectiveFormat(options).rawValue) here)"
      return ShellResponse(output: "format: \(current)\n")
    }
    if argument.lowercased() == "auto" {
      format = nil
      return ShellResponse()
    }
    guard let chosen = Format(rawValue: argument.lowercased()) else {
      let names = Format.allCases.map(\.rawValue) + ["auto"]
      return .error(
        "unknown format '\(argument)'; expected one of " + names.joined(separator: ", ")
          + Suggestion.didYouMean(argument, in: names))
    }
    format = chosen
    return ShellResponse()
  }

  func reload() -> ShellResponse {
    do {
      let fresh = try load(kbPath)
      // A folder whose every file now fails is a fault (a half-written checkout, a lost mount),
      // not a knowledge base to switch to.
      if fresh.entries.isEmpty, fresh.failedFiles > 0, !kb.entries.isEmpty {
        return .error(
          "cannot reload: '\(Escaping.visible(kbPath))' now has no entry that loads"
            + " (\(fresh.failedFiles) file\(fresh.failedFiles == 1 ? "" : "s") failed);"
            + " keeping the \(kb.entries.count) entries already loaded")
      }
      adopt(fresh)
      var text = "reloaded \(Escaping.visible(kb.name)): \(kb.entries.count) entries"
      if fresh.failedFiles > 0 {
        text +=
          "; \(fresh.failedFiles) file\(fresh.failedFiles == 1 ? "" : "s") failed to load (run safetykb check)"
      }
      return ShellResponse(output: text + "\n")
    } catch {
      return .error(
        "cannot reload: \(error); keeping the \(kb.entries.count) entries already loaded")
    }
  }

  func help(_ topic: String) -> ShellResponse {
    guard let text = HelpText.text(for: topic) else {
      return .error("no help on '\(topic)'" + Suggestion.didYouMean(topic, in: HelpText.topics))
    }
    return ShellResponse(output: text)
  }
}
