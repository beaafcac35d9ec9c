import Curation
import KnowledgeModel
import QueryEngine
import TerminalText

extension Session {
  /// `tag CHANGE… -- QUERY`: the changes checked against the vocabulary, the query run, each
  /// matching entry's file planned (nothing written yet); then a diff (`--dry-run`), a question
  /// (more files than fit on a screen, when someone can answer), or the writes.
  func tag(_ words: [String], query text: String, dryRun: Bool) -> Outcome {
    var changes: [ListChange] = []
    do {
      for word in words {
        changes.append(
          try ListChange.parse(word).validated(
            vocabulary: kb.vocabulary, ids: presenter.ids))
      }
    } catch {
      return .failure(.error(error.description))
    }
    let found: QueryRunner.Outcome
    do {
      found = try runner.run(text, savedSearches: catalog, lastQuery: lastQuery)
    } catch {
      return .failure(Notice(error))
    }
    let warnings = found.result.warnings.map { Notice($0, in: text) }
    guard case .entries(let hits, _) = found.result.output else {
      return .failure(.error("tag needs a list of entries; remove the 'count' stage"))
    }
    if hits.isEmpty {
      return Outcome(
        .text("no entry matches; nothing changed\n"), notices: warnings,
        status: .foundNothing)
    }
    let targets = hits.map { hit in
      let entry = kb.entries[hit.entry]
      return Retagger.Target(
        path: kb.displayPath(entry.path), loadedHash: kb.files.snapshot(of: entry.path)?.hash)
    }
    let plan = Retagger.plan(changes, for: targets, vocabulary: kb.vocabulary)
    var outcome = Outcome(notices: warnings + refusals(plan.refused))
    if !plan.refused.isEmpty { outcome.status = .failed }
    if dryRun {
      let diffs = plan.edits.map(\.diff).joined()
      outcome.content = .text(
        Escaping.visibleKeepingLines(diffs)
          + summary(plan.edits.count, plan.unchanged, dryRun: true))
      return outcome
    }
    if asksQuestions, plan.edits.count > max(1, screenRows - 2) {
      pending = .tag(plan.edits, unchanged: plan.unchanged)
      outcome.question =
        "change \(plan.edits.count) files? (.tag --dry-run shows the diff) [y/N] "
      return outcome
    }
    var written = commitTag(plan.edits, unchanged: plan.unchanged)
    written.notices = outcome.notices + written.notices
    if outcome.status == .failed { written.status = .failed }
    return written
  }

  /// Writes the planned files that are still as they were planned from.
  func commitTag(_ edits: [Retagger.Edit], unchanged: Int) -> Outcome {
    let (written, refused) = Retagger.apply(edits)
    var outcome = Outcome(.text(summary(written.count, unchanged, dryRun: false)))
    outcome.notices = refusals(refused)
    if !refused.isEmpty { outcome.status = .failed }
    if !written.isEmpty { refreshQuietly() }
    return outcome
  }

  func refusals(_ refused: [Retagger.Refusal]) -> [Notice] {
    refused.map { .error("\($0.path): not changed: \($0.reason)") }
  }

  /// `changed 3 files (2 already as asked)`.
  func summary(_ changed: Int, _ unchanged: Int, dryRun: Bool) -> String {
    func files(_ n: Int) -> String { "\(n) file\(n == 1 ? "" : "s")" }
    var text = (dryRun ? "would change " : "changed ") + files(changed)
    if unchanged > 0 { text += " (\(files(unchanged)) already as asked)" }
    return text + "\n"
  }
}
