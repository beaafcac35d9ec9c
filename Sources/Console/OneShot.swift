import Rendering
import ShellKit

extension Session {
  /// Executes one command from the command line: notices on standard error, content on standard
  /// output. With `asking`, questions are asked on the terminal; without, each gets the answer
  /// for nobody there. The exit status: 0, 1 when a query found nothing (or a written file has
  /// problems), 2 when it failed, like grep.
  public func executeOnce(_ command: Command, presenter: Presenter, asking: Bool = false) -> Int32 {
    var port = StandardPort()
    return executeOnce(command, presenter: presenter, asking: asking, to: &port)
  }

  /// `executeOnce`, its output through `port` (the query server's, to a client's streams).
  public func executeOnce(
    _ command: Command, presenter: Presenter, asking: Bool, to port: inout some OutputPort
  ) -> Int32 {
    asksQuestions = asking
    watchesFiles = false
    var source = StandardInputSource()
    let loop = SessionLoop(session: self, presenter: presenter, policy: .oneShot(asking: asking))
    let outcome = loop.settle(execute(command), from: &source, to: &port)
    let delivered = loop.deliver(outcome, to: &port)
    switch outcome.status {
    case .failed: return 2
    case .foundNothing, .problems: return 1
    case .ok: return delivered ? 0 : 2
    }
  }
}

/// The editor a person chose: `$VISUAL`, else `$EDITOR`, else `vi`, as a command line for
/// `/bin/sh -c`.
public func chosenEditor(environment: [String: String]) -> String {
  for name in ["VISUAL", "EDITOR"] {
    if let value = environment[name], !value.allSatisfy(\.isWhitespace) { return value }
  }
  return "vi"
}
