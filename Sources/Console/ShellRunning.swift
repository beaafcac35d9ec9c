import Foundation
import LineEditing
import ShellKit

extension Session {
  /// The shell: on a terminal that can edit lines, libedit with history, completion, the pager
  /// and Ctrl-C that stops output; on a dumb terminal, a prompt and plain line reading; on a pipe
  /// or file, one command a line with `stdin:N:` on every notice. The status of the loop.
  public func runShell(terminal: TerminalInfo, environment: [String: String], presenter: Presenter)
    -> Int32
  {
    if terminal.isInteractive {
      TerminalSignals.install()
      let history = LineEditor.defaultHistoryPath(environment: environment)
      var source = EditorSource(session: self, historyFile: history)
      var port = TerminalPort(terminal: terminal, environment: environment)
      return SessionLoop(session: self, presenter: presenter, policy: .interactive)
        .run(from: &source, to: &port)
    }
    // TERM=dumb: a prompt and plain line reading, no line editing. Ctrl-C must not end the
    // shell; ignored, it still makes the terminal discard the line being typed.
    let dumb = terminal.stdinIsTTY && terminal.stdoutIsTTY
    if dumb { signal(SIGINT, SIG_IGN) }
    var source = StandardInputSource()
    var port = StandardPort()
    return SessionLoop(session: self, presenter: presenter, policy: dumb ? .dumbTerminal : .batch)
      .run(from: &source, to: &port)
  }
}
