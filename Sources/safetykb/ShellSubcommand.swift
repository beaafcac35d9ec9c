import ArgumentParser
import Console
import ShellKit

/// `safetykb` with no subcommand (or `safetykb shell`): the interactive shell on a terminal; on
/// a pipe or file, one line at a time with no prompt.
struct ShellSubcommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "shell",
    abstract: "The interactive shell (the default). Reads one query or command a line from a pipe."
  )

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    let status = try knowledgeBase.session(format: output.format).runShell(
      terminal: Context.terminal, environment: Context.environment, presenter: output.presenter)
    if status != 0 { throw ExitCode(status) }
  }
}
