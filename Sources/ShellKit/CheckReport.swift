import KnowledgeModel
import Rendering
import TerminalText

/// `check`'s answer over one or several knowledge bases: every problem, located, sorted, in text
/// (with a summary line) or as JSON objects (path, line, column, severity, message).
public struct CheckReport: Sendable {
  public enum Format: String, CaseIterable, Sendable {
    case text, json, jsonl
  }

  public let entries: Int
  public let diagnostics: [Diagnostic]

  /// Checks the knowledge bases together; a value two vocabularies define differently is
  /// reported at both places.
  public init(_ parts: [KnowledgeBase]) {
    let (kb, conflicts) = KnowledgeBase.combined(parts)
    entries = kb.entries.count
    diagnostics = (Checker.check(kb) + conflicts).sorted {
      ($0.location, $0.message) < ($1.location, $1.message)
    }
  }

  /// Whether the check fails: any error, or any warning when `strict`.
  public func fails(strict: Bool) -> Bool {
    diagnostics.contains { $0.severity == .error || (strict && $0.severity == .warning) }
  }

  public func render(as format: Format, into out: inout some RenderSink) {
    switch format {
    case .text:
      for diagnostic in diagnostics { out.write(Escaping.visible(diagnostic.description) + "\n") }
      out.write(Checker.summary(entries: entries, diagnostics) + "\n")
    case .json, .jsonl:
      let rows: [[Cell]] = diagnostics.map {
        [
          .text($0.location.path), .integer($0.location.line), .integer($0.location.column),
          .text($0.severity.rawValue), .text($0.message),
        ]
      }
      let table = ResultTable.rows(
        columns: ["path", "line", "column", "severity", "message"], rows: RowTable(rows))
      Renderer.render(table, as: format == .json ? .json : .jsonl, options: .plain, into: &out)
    }
  }
}
