/// What running one line produced. The shell module never touches the terminal: the caller
/// writes the output, runs the pipe or shell command, asks the question, or quits.
public struct ShellResponse: Sendable, Equatable {
  /// Text for standard output.
  public var output: String = ""
  /// Errors and warnings for standard error.
  public var diagnostics: String = ""
  /// Whether the line failed (a non-interactive run then exits 2).
  public var failed = false
  /// Whether the line was a query that found nothing.
  public var foundNothing = false
  /// Leave the shell.
  public var quit = false
  /// Feed `output` to this command through `/bin/sh -c` (`QUERY ! COMMAND`).
  public var pipeCommand: String?
  /// Run this command through `/bin/sh -c` (a line that starts with `!`).
  public var shellCommand: String?
  /// Ask this yes/no question, then call `Shell.confirm(_:)` with the answer.
  public var confirmation: String?

  public init(
    output: String = "", diagnostics: String = "", failed: Bool = false, quit: Bool = false
  ) {
    self.output = output
    self.diagnostics = diagnostics
    self.failed = failed
    self.quit = quit
  }

  static func error(_ message: String) -> ShellResponse {
    ShellResponse(diagnostics: "error: \(message)\n", failed: true)
  }
}
