import ArgumentParser
import Console
import Foundation
import LineEditing
import Rendering
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
    let session = try knowledgeBase.session(format: output.format)
    let terminal = Context.terminal
    let status: Int32
    if terminal.isInteractive {
      TerminalSignals.install()
      let history = LineEditor.defaultHistoryPath(environment: Context.environment)
      var source = EditorSource(session: session, historyFile: history)
      var port = TerminalPort(terminal: terminal, environment: Context.environment)
      status = loop(session, .interactive).run(from: &source, to: &port)
    } else {
      // TERM=dumb: a prompt and plain line reading, no line editing. Ctrl-C must not end the
      // shell; ignored, it still makes the terminal discard the line being typed.
      let dumb = terminal.stdinIsTTY && terminal.stdoutIsTTY
      if dumb { signal(SIGINT, SIG_IGN) }
      var source = StandardInputSource()
      var port = StandardPort()
      status = loop(session, dumb ? .dumbTerminal : .batch).run(from: &source, to: &port)
    }
    if status != 0 { throw ExitCode(status) }
  }

  func loop(_ session: Session, _ policy: LoopPolicy) -> SessionLoop {
    SessionLoop(session: session, presenter: output.presenter, policy: policy)
  }
}
