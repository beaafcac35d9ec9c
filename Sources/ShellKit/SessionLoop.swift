import Rendering

/// What a line source gives: a line, a Ctrl-C while typing, or the end of input.
public enum LineInput: Sendable, Equatable {
  case line(String)
  case interrupted
  case end
}

/// Where lines come from: libedit on a terminal, standard input, or a script in a test.
public protocol LineSource {
  /// The next line; `prompt` is shown where a person is typing.
  mutating func read(prompt: String) -> LineInput
}

/// Where outcomes go: standard output and error, the pager, a command.
public protocol OutputPort {
  /// Rendered content for standard output (a terminal port may page it, or stop it on Ctrl-C).
  mutating func write(_ content: ByteSink)
  /// Lines for standard error.
  mutating func writeError(_ text: String)
  /// Runs `/bin/sh -c command`, feeding it `input` when given. False when it failed to start or
  /// exited non-zero (the port says so on standard error).
  mutating func run(_ command: String, input: ByteSink?) -> Bool
}

/// How a loop treats its source: whether a person is typing there.
public struct LoopPolicy: Sendable {
  /// Shown before each line; nil where nobody reads it (a pipe or file).
  public var prompt: String?
  /// Questions (replace a saved search?) are asked; otherwise the answer is no, as an error.
  public var asksQuestions: Bool
  /// Notices start with `NAME:LINE: ` (`stdin:3: `), so a script's author finds the line.
  public var sourceName: String?
  /// The banner and any problems with the saved-search files are shown first.
  public var showsBanner: Bool
  /// A failed line makes the loop's status 2 (for scripts); an interactive shell ends with 0.
  public var failureEndsWithError: Bool

  /// A person at a terminal.
  public static let interactive = LoopPolicy(
    prompt: "safetykb> ", asksQuestions: true, sourceName: nil, showsBanner: true,
    failureEndsWithError: false)
  /// A terminal that cannot edit lines (`TERM=dumb`): a prompt, no questions.
  public static let dumbTerminal = LoopPolicy(
    prompt: "safetykb> ", asksQuestions: false, sourceName: nil, showsBanner: true,
    failureEndsWithError: false)
  /// A pipe or a file: no prompt, no questions, line numbers on every notice.
  public static let batch = LoopPolicy(
    prompt: nil, asksQuestions: false, sourceName: "stdin", showsBanner: false,
    failureEndsWithError: true)

  /// One command from the command line, or a script in a test: no prompt, no banner, no line
  /// numbers; questions only when `asking`.
  public static func oneShot(asking: Bool) -> LoopPolicy {
    LoopPolicy(
      prompt: nil, asksQuestions: asking, sourceName: nil, showsBanner: false,
      failureEndsWithError: true)
  }
}

/// The one loop: read a line, execute it, present the outcome, for every source (sqlite's
/// `process_input`).
public struct SessionLoop {
  public let session: Session
  public var presenter: Presenter
  public let policy: LoopPolicy

  public init(session: Session, presenter: Presenter, policy: LoopPolicy) {
    self.session = session
    self.presenter = presenter
    self.policy = policy
  }

  /// Runs until the end of input or `.quit`; the exit status (2 when a line failed and the
  /// policy says so, else 0).
  public func run(from source: inout some LineSource, to port: inout some OutputPort) -> Int32 {
    if policy.showsBanner {
      let banner = ByteSink(capacity: 256)
      banner.write(session.banner + "\n")
      port.write(banner)
      for notice in session.storeProblems { port.writeError(presenter.render(notice)) }
    }
    var failed = false
    var number = 0
    loop: while true {
      switch source.read(prompt: policy.prompt ?? "") {
      case .end: break loop
      case .interrupted: continue
      case .line(let line):
        number += 1
        let prefix = policy.sourceName.map { "\($0):\(number): " } ?? ""
        let outcome = settle(
          session.execute(line: line), prefix: prefix, from: &source, to: &port)
        if !deliver(outcome, prefix: prefix, to: &port) || outcome.status == .failed {
          failed = true
        }
        if outcome.quit { break loop }
      }
    }
    return failed && policy.failureEndsWithError ? 2 : 0
  }

  /// Carries an outcome through its editor runs and questions: shows what it has so far, runs
  /// the editor or asks (a reply of nil when the policy asks nothing), and goes on with what the
  /// session makes of it, until an outcome has neither.
  public func settle(
    _ first: Outcome, prefix: String = "", from source: inout some LineSource,
    to port: inout some OutputPort
  ) -> Outcome {
    var outcome = first
    while outcome.editor != nil || outcome.question != nil {
      var shown = outcome
      shown.editor = nil
      shown.question = nil
      _ = deliver(shown, prefix: prefix, to: &port)
      if let command = outcome.editor {
        outcome = session.edited(succeeded: port.run(command, input: nil))
      } else if let question = outcome.question {
        var reply: String?
        if policy.asksQuestions {
          switch source.read(prompt: question) {
          case .line(let line): reply = line
          case .interrupted: continue  // Ctrl-C while asked: ask again
          case .end: break
          }
        }
        outcome = session.answer(reply)
      }
    }
    return outcome
  }

  /// Shows the notices, then writes the content or hands it to a command. False when a command
  /// failed.
  public func deliver(_ outcome: Outcome, prefix: String = "", to port: inout some OutputPort)
    -> Bool
  {
    for notice in outcome.notices { port.writeError(presenter.render(notice, prefix: prefix)) }
    if let command = outcome.system { return port.run(command, input: nil) }
    var bytes = ByteSink()
    if let command = outcome.pipeTo {
      presenter.renderForProgram(outcome.content, into: &bytes)
      return port.run(command, input: bytes)
    }
    presenter.render(outcome.content, into: &bytes)
    if bytes.count > 0 { port.write(bytes) }
    return true
  }
}
