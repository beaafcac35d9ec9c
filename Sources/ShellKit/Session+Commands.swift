import KnowledgeModel
import Rendering
import TerminalText

extension Session {
  func show(_ ids: [String], style: EntryViewRenderer.Style?) -> Outcome {
    var outcome = Outcome()
    var views: [EntryView] = []
    // After a query, its words are highlighted in the entries shown.
    let searcher = runner.searcher
    let words = lastWords
    let highlighter =
      words.isEmpty ? nil : Highlighter { searcher.highlights(in: $0, matching: words) }
    for id in ids {
      let found = presenter.entries(id: id)
      if found.isEmpty { outcome.fail(.error(presenter.unknownID(id))) }
      views += found.map {
        var view = presenter.view($0, similar: searcher.mostSimilar(to: $0.id))
        view.highlighter = highlighter
        return view
      }
    }
    outcome.content = .entries(views, style ?? EntryViewRenderer.Style(for: effectiveFormat))
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
    var fresh: [KnowledgeBase] = []
    for path in kbPaths {
      do {
        fresh.append(try load(path))
      } catch {
        return .failure(
          .error("cannot reload: \(error); keeping the \(kb.entries.count) entries already loaded"))
      }
    }
    let failed = fresh.reduce(0) { $0 + $1.failedFiles }
    // A folder whose every file now fails is a fault (a half-written checkout, a lost mount),
    // not a knowledge base to switch to.
    for (path, (new, old)) in zip(kbPaths, zip(fresh, parts))
    where new.entries.isEmpty && new.failedFiles > 0 && !old.entries.isEmpty {
      return .failure(
        .error(
          "cannot reload: '\(Escaping.visible(path))' now has no entry that loads"
            + " (\(new.failedFiles) file\(new.failedFiles == 1 ? "" : "s") failed);"
            + " keeping the \(kb.entries.count) entries already loaded"))
    }
    adopt(fresh)
    var text = "reloaded \(Escaping.visible(kb.name)): \(kb.entries.count) entries"
    if failed > 0 {
      text += "; \(failed) file\(failed == 1 ? "" : "s") failed to load (run safetykb check)"
    }
    return .text(text + "\n")
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
