import ArgumentParser
import CacheFormat
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
  /// Whether a person can answer questions: both standard input and output are a terminal.
  static var canAsk: Bool { terminal.stdinIsTTY && terminal.stdoutIsTTY }
  /// This program's file, which a watch daemon is started from.
  static var executable: String {
    URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
  }
}

/// Writes `error: message` on standard error and gives the status to exit with (2).
func failure(_ message: String) -> ExitCode {
  Output.standard.flush()
  Output.error.write("error: \(message)\n")
  return ExitCode(2)
}
