import Foundation
import KnowledgeModel
import LineEditing
import Rendering
import ShellKit
import TerminalText

/// The shell on a terminal: libedit line editing, history, Tab completion, a pager for long
/// output, Ctrl-C that clears the line or stops output but never ends the shell, Ctrl-D to leave.
struct InteractiveLoop {
  let shell: Shell
  let colorOptions: ColorOptions
  static let prompt = "safetykb> "

  func run() -> Int32 {
    let environment = ProcessInfo.processInfo.environment
    let completions = CompletionSource(shell: shell)
    let editor = LineEditor(
      program: "safetykb", historyFile: LineEditor.defaultHistoryPath(environment: environment),
      completer: { line, cursor in completions.complete(line: line, cursor: cursor) })
    let writer = TerminalWriter(environment: environment)
    writer.write(shell.banner + "\n", pageable: false)
    for problem in SavedSearchBridge(shell.searches).catalog.problems {
      writer.error(problem.description + "\n")
    }
    while true {
      switch editor.readLine(prompt: Self.prompt) {
      case .endOfInput:
        return 0
      case .interrupted:
        continue
      case .line(let line):
        var response = shell.run(line, options: colorOptions.renderOptions())
        if let question = response.confirmation {
          let answer = editor.readLine(prompt: question)
          let yes: Bool
          if case .line(let text) = answer {
            yes = ["y", "yes"].contains(text.trimmed.lowercased())
          } else {
            yes = false
          }
          response = shell.confirm(yes)
        }
        writer.deliver(response)
        if response.quit { return 0 }
        completions.refresh(shell: shell)
      }
    }
  }
}

/// Completion candidates for the line editor, from the shell's current knowledge base and saved
/// searches (refreshed after each line, since `.reload` and `.save` change them).
final class CompletionSource: @unchecked Sendable {
  private let lock = NSLock()
  private var completer: ShellKit.Completer

  init(shell: Shell) {
    completer = Self.make(shell)
  }

  func refresh(shell: Shell) {
    let fresh = Self.make(shell)
    lock.withLock { completer = fresh }
  }

  func complete(line: String, cursor: Int) -> Completion {
    let result = lock.withLock { completer }.complete(line: line, cursor: cursor)
    return Completion(
      replaceFrom: result.start, candidates: result.candidates, appendsSpace: result.appendSpace)
  }

  static func make(_ shell: Shell) -> ShellKit.Completer {
    Completer(kb: shell.kb, savedSearchNames: SavedSearchBridge(shell.searches).savedSearchNames)
  }
}
