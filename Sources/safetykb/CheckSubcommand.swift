import ArgumentParser
import Console
import KnowledgeModel
import TerminalText

/// `safetykb check`: every problem of a knowledge base, located, and a one-line summary.
struct CheckSubcommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check a knowledge base: front matter, vocabulary, ids, related entries and sources.",
    discussion: """
      Prints each problem as path:line:column: error|warning: message, then a summary line. \
      Exit status: 0 no errors (warnings allowed unless --strict), 1 errors found, 2 usage error.
      """
  )

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions

  @Flag(help: "Treat warnings as errors.")
  var strict = false

  func run() throws {
    let (kb, _) = try knowledgeBase.load(useCache: false)
    let diagnostics = Checker.check(kb)
    for diagnostic in diagnostics {
      Output.standard.write(Escaping.visible(diagnostic.description) + "\n")
    }
    Output.standard.write(Checker.summary(entries: kb.entries.count, diagnostics) + "\n")
    if diagnostics.contains(where: { $0.severity == .error || (strict && $0.severity == .warning) })
    {
      throw ExitCode(1)
    }
  }
}
