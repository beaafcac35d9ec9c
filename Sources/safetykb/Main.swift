import ArgumentParser
import Console
import Foundation
import KnowledgeModel
import LineEditing

@main
enum Main {
  static func main() {
    setlocale(LC_ALL, "")
    // A reader that stops reading (`| head -1`) must end us quietly: writes report EPIPE instead.
    signal(SIGPIPE, SIG_IGN)
    let status = run(Array(CommandLine.arguments.dropFirst()))
    Output.standard.flush()
    for failure in CacheFile.failures {
      Output.error.write("warning: \(failure); the answer is not affected\n")
    }
    exit(status)
  }

  static func run(_ arguments: [String]) -> Int32 {
    do {
      var command = try SafetyKBCommand.parseAsRoot(arguments)
      try command.run()
      return 0
    } catch let code as ExitCode {
      return code.rawValue
    } catch {
      let code = SafetyKBCommand.exitCode(for: error)
      if code == .success {
        Output.standard.write(SafetyKBCommand.fullMessage(for: error) + "\n")
        return 0
      }
      Output.error.write(SafetyKBCommand.fullMessage(for: error) + "\n")
      return 2  // usage errors exit 2, as grep's do
    }
  }
}

/// What the program runs with, decided once at start: the environment and the terminal.
enum Context {
  static let environment = ProcessInfo.processInfo.environment
  static let terminal = TerminalInfo.current(environment: environment)
  /// `$VISUAL`, else `$EDITOR`, else `vi`: a command line for `/bin/sh -c`.
  static var editor: String {
    for name in ["VISUAL", "EDITOR"] {
      if let value = environment[name], !value.allSatisfy(\.isWhitespace) { return value }
    }
    return "vi"
  }
  /// Whether a person can answer questions: both standard input and output are a terminal.
  static var canAsk: Bool { terminal.stdinIsTTY && terminal.stdoutIsTTY }
}

/// Writes `error: message` on standard error and gives the status to exit with (2).
func failure(_ message: String) -> ExitCode {
  Output.standard.flush()
  Output.error.write("error: \(message)\n")
  return ExitCode(2)
}

/// Large structures the program keeps until it exits. A one-shot command ends as soon as it has
/// written its answer; freeing a big knowledge base and its index first would only add time (a
/// tenth of a warm start at 10,000 entries), so they are parked here and the process exits
/// without tearing them down.
enum KeptUntilExit {
  nonisolated(unsafe) private static var values: [Any] = []

  static func keep(_ value: Any) {
    values.append(value)
  }
}
