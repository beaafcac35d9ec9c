import ArgumentParser
import Foundation
import KnowledgeModel

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
    } catch let exit as Exit {
      return exit.status
    } catch let failure as Failure {
      Output.standard.flush()
      Output.error.write("error: \(failure.message)\n")
      return failure.status
    } catch {
      let code = SafetyKBCommand.exitCode(for: error)
      if code == .success {
        Output.standard.write(SafetyKBCommand.fullMessage(for: error) + "\n")
        return 0
      }
      Output.error.write(SafetyKBCommand.fullMessage(for: error) + "\n")
      // Usage errors exit 2, as grep's do.
      return 2
    }
  }
}
