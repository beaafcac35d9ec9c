import Foundation
import LineEditing
import ShellKit

/// Lines typed at a terminal through libedit, with history and Tab completion from the session
/// (its knowledge base and saved searches as of the last line).
public final class EditorSource: LineSource {
  let editor: LineEditor
  let session: Session
  private let candidates: Candidates

  public init(session: Session, historyFile: String?) {
    self.session = session
    let candidates = Candidates(session.completer)
    self.candidates = candidates
    editor = LineEditor(
      program: "safetykb", historyFile: historyFile,
      completer: { line, cursor in candidates.complete(line: line, cursor: cursor) })
  }

  public func read(prompt: String) -> LineInput {
    candidates.update(session.completer)
    switch editor.readLine(prompt: prompt) {
    case .line(let line): return .line(line)
    case .interrupted: return .interrupted
    case .endOfInput: return .end
    }
  }

  /// The completer libedit's callback reads; replaced between lines.
  final class Candidates: @unchecked Sendable {
    private let lock = NSLock()
    private var completer: ShellKit.Completer

    init(_ completer: ShellKit.Completer) { self.completer = completer }

    func update(_ fresh: ShellKit.Completer) { lock.withLock { completer = fresh } }

    func complete(line: String, cursor: Int) -> Completion {
      let result = lock.withLock { completer }.complete(line: line, cursor: cursor)
      return Completion(
        replaceFrom: result.start, candidates: result.candidates, appendsSpace: result.appendSpace)
    }
  }
}

/// Lines from standard input (a pipe, a file, or a terminal with `TERM=dumb`), with the prompt
/// written when one is given.
public struct StandardInputSource: LineSource {
  public init() {}

  public mutating func read(prompt: String) -> LineInput {
    if !prompt.isEmpty {
      Output.standard.write(prompt)
      Output.standard.flush()
    }
    return readLine(strippingNewline: true).map(LineInput.line) ?? .end
  }
}
