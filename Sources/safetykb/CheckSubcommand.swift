import ArgumentParser
import Console
import Rendering
import ShellKit

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

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions

  @Flag(help: "Treat warnings as errors.")
  var strict = false

  @Option(help: "text (default), json or jsonl.")
  var format: CheckReport.Format = .text

  func run() throws {
    let (parts, _) = try knowledgeBase.load(useCache: false, bodies: false)
    let report = CheckReport(parts)
    var out = ByteSink()
    report.render(as: format, into: &out)
    out.withBytes { Output.standard.write(utf8: $0) }
    if report.fails(strict: strict) { throw ExitCode(1) }
  }
}

extension CheckReport.Format: ExpressibleByArgument {}
