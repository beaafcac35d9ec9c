import KnowledgeModel
import Rendering
import TerminalText

extension Session {
  func show(_ ids: [String]) -> Outcome {
    var outcome = Outcome()
    var views: [EntryView] = []
    for id in ids {
      guard let entry = presenter.entry(id: id) else {
        outcome.fail(.error(presenter.unknownID(id)))
        continue
      }
      views.append(presenter.view(entry, similar: runner.searcher.mostSimilar(to: entry.id)))
    }
    outcome.content = .entries(views, EntryViewRenderer.Style(for: effectiveFormat))
    return outcome
  }

  func vocab(_ section: String?) -> Outcome {
    var facets = Facet.allCases
    if let section {
      guard let facet = VocabularyReport.facet(named: section) else {
        return .failure(VocabularyReport.unknownSection(section))
      }
      facets = [facet]
    }
    let report = VocabularyReport(kb: kb)
    let format = effectiveFormat
    return Outcome(.tables(facets.map { report.table($0, tree: format == .table) }, format))
  }

  func setFormat(_ name: String?) -> Outcome {
    guard let name else {
      let current = format.map(\.rawValue) ?? "auto (\(effectiveFormat.rawValue) here)"
      return .text("format: \(current)\n")
    }
    if name.lowercased() == "auto" {
      format = nil
      return Outcome()
    }
    guard let chosen = Format(rawValue: name.lowercased()) else {
      let names = Format.allCases.map(\.rawValue) + ["auto"]
      return .failure(
        .error(
          "unknown format '\(name)'; expected one of " + names.joined(separator: ", ")
            + Suggestion.didYouMean(name, in: names)))
    }
    format = chosen
    return Outcome()
  }

  func reload() -> Outcome {
    do {
      let fresh = try load(kbPath)
      // A folder whose every file now fails is a fault (a half-written checkout, a lost mount),
      // not a knowledge base to switch to.
      if fresh.entries.isEmpty, fresh.failedFiles > 0, !kb.entries.isEmpty {
        return .failure(
          .error(
            "cannot reload: '\(Escaping.visible(kbPath))' now has no entry that loads"
              + " (\(fresh.failedFiles) file\(fresh.failedFiles == 1 ? "" : "s") failed);"
              + " keeping the \(kb.entries.count) entries already loaded"))
      }
      adopt(fresh)
      var text = "reloaded \(Escaping.visible(kb.name)): \(kb.entries.count) entries"
      if fresh.failedFiles > 0 {
        text +=
          "; \(fresh.failedFiles) file\(fresh.failedFiles == 1 ? "" : "s") failed to load (run safetykb check)"
      }
      return .text(text + "\n")
    } catch {
      return .failure(
        .error("cannot reload: \(error); keeping the \(kb.entries.count) entries already loaded"))
    }
  }

  func help(_ topic: String) -> Outcome {
    guard let text = HelpText.text(for: topic) else {
      return .failure(
        .error("no help on '\(topic)'" + Suggestion.didYouMean(topic, in: HelpText.topics)))
    }
    return .text(text)
  }
}

extension EntryViewRenderer.Style {
  /// How `show` prints entries when results are shown in `format`.
  public init(for format: Format) {
    switch format {
    case .json, .jsonl: self = .json
    case .markdown: self = .markdown
    default: self = .text
    }
  }
}
