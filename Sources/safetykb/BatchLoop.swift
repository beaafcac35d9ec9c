import Foundation
import Rendering
import ShellKit

/// The shell over a pipe or file: each line read as the shell would read it, with no banner,
/// prompt, history or completion. Errors carry the line number; the status is 2 if any line
/// failed.
struct BatchLoop {
  let shell: Shell
  let options: RenderOptions
  /// Shown before each line on a dumb terminal; nil for pipes and files.
  var prompt: String? = nil

  func run() -> Int32 {
    var failed = false
    var number = 0
    while true {
      if let prompt {
        Output.standard.write(prompt)
        Output.standard.flush()
      }
      guard let line = readLine(strippingNewline: true) else { break }
      number += 1
      var response = shell.run(line, options: options)
      if response.confirmation != nil {
        response = shell.confirm(false)
        response.diagnostics +=
          "error: not replaced: confirm on a terminal, or use `safetykb searches save --force`\n"
        response.failed = true
      }
      if !response.diagnostics.isEmpty {
        Output.standard.flush()
        Output.error.write("stdin:\(number): " + response.diagnostics)
      }
      if response.failed { failed = true }
      if !deliver(response) { failed = true }
      if response.quit { break }
    }
    Output.standard.flush()
    return failed ? 2 : 0
  }

  /// Writes the output, or runs the pipe or shell command. False when a command failed.
  func deliver(_ response: ShellResponse) -> Bool {
    if let command = response.shellCommand {
      Output.standard.flush()
      return Subprocess.run(command, input: nil).reportFailure(command)
    }
    if let command = response.pipeCommand {
      Output.standard.flush()
      return Subprocess.run(command, input: response.output).reportFailure(command)
    }
    Output.standard.write(response.output)
    return true
  }
}
