import ArgumentParser
import Console
import KnowledgeModel
import Rendering
import TerminalText

/// `safetykb check`: every problem of a knowledge base, located, and a one-line summary.
struct CheckSubcommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check a knowledge base: front matter, vocabulary, ids, related entries and sources.",
    discussion: """
      Prints each problem as path:line:column: error|warning: message, then a summary line. \
      With several knowledge bases, they are checked together, and a value two vocabularies \
      define differently is reported at both places. --format json prints one JSON array of \
      objects (path, line, column, severity, message) and no summary; jsonl one object a line.
      Exit status: 0 no errors (warnings allowed unless --strict), 1 errors found, 2 usage error.
      """
  )

  enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, jsonl
  }

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions

  @Flag(help: "Treat warnings as errors.")
  var strict = false

  @Option(help: "text (default), json or jsonl.")
  var format: CheckFormat = .text

  func run() throws {
    let (parts, _) = try knowledgeBase.load(useCache: false)
    let (kb, conflicts) = KnowledgeBase.combined(parts)
    let diagnostics = (Checker.check(kb) + conflicts).sorted {
      ($0.location, $0.message) < ($1.location, $1.message)
    }
    switch format {
    case .text:
      for diagnostic in diagnostics {
        Output.standard.write(Escaping.visible(diagnostic.description) + "\n")
      }
      Output.standard.write(Checker.summary(entries: kb.entries.count, diagnostics) + "\n")
    case .json, .jsonl:
      let rows: [[Cell]] = diagnostics.map {
        [
          .text($0.location.path), .integer($0.location.line), .integer($0.location.column),
          .text($0.severity.rawValue), .text($0.message),
        ]
      }
      let table = ResultTable.rows(
        columns: ["path", "line", "column", "severity", "message"], rows: RowTable(rows))
      var out = ByteSink()
      Renderer.render(
        table, as: format == .json ? .json : .jsonl,
        options: Context.terminal.renderOptions(color: .never), into: &out)
      out.withBytes { Output.standard.write(utf8: $0) }
    }
    if diagnostics.contains(where: { $0.severity == .error || (strict && $0.severity == .warning) })
    {
      throw ExitCode(1)
    }
  }
}
