import Foundation
import KnowledgeModel
import LineEditing
import ShellKit
import TerminalText

/// Writes a shell response to the terminal: through the pager when it is longer than the screen,
/// to a command for `! cmd`, and line by line so that Ctrl-C stops a long output.
struct TerminalWriter {
  /// `$PAGER`, else `less -FRX`; an empty `$PAGER` turns paging off.
  let pager: String?

  init(environment: [String: String]) {
    if let value = environment["PAGER"] {
      pager = value.trimmed.isEmpty ? nil : value
    } else {
      pager = "less -FRX"
    }
  }

  func deliver(_ response: ShellResponse) {
    if !response.diagnostics.isEmpty { error(response.diagnostics) }
    if let command = response.shellCommand {
      _ = Subprocess.run(command, input: nil).reportFailure(command)
    } else if let command = response.pipeCommand {
      _ = Subprocess.run(command, input: response.output).reportFailure(command)
    } else {
      write(response.output, pageable: true)
    }
    _ = TerminalSignals.takeInterrupt()
  }

  /// Errors and warnings, with anything untrusted made visible.
  func error(_ text: String) {
    Output.standard.flush()
    Output.error.write(Escaping.visibleKeepingLines(text))
  }

  func write(_ text: String, pageable: Bool) {
    guard !text.isEmpty else { return }
    if TerminalSignals.takeInterrupt() { return }  // Ctrl-C while the answer was being computed
    let rows = TerminalInfo.windowSize().rows
    let lines = text.utf8.lazy.filter { $0 == UInt8(ascii: "\n") }.count
    if pageable, let pager, rows > 0, lines >= rows - 1 {
      let result = Subprocess.run(pager, input: text)
      if result.launchError == nil, result.status != 127 { return }
    }
    var written = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
      Output.standard.write(String(line) + "\n")
      written += 1
      if written % 64 == 0 {
        Output.standard.flush()
        if TerminalSignals.takeInterrupt() {
          Output.standard.write("\n(output stopped)\n")
          break
        }
      }
    }
    if !text.hasSuffix("\n"),
      let last = text.split(separator: "\n", omittingEmptySubsequences: false).last
    {
      Output.standard.write(String(last))
    }
    Output.standard.flush()
  }
}
