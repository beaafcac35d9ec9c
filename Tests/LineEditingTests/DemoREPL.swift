import LineEditing
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A tiny REPL over `LineEditor`, run only in a child test process started under a
/// pseudo-terminal with `LINEEDIT_DEMO=1` (see `LineEditorTerminalTests`). In a normal test run
/// it does nothing.
@Suite struct DemoREPL {
  static let fields = ["office:", "title:", "tags:"]
  static let values = ["office:la-dcfs/regional/lancaster", "office:la-dcfs/regional/palmdale"]
  static let commands = [".help", ".history", ".quit"]

  /// Completes the word before the cursor from a few fixed words.
  static let completer: CompletionCallback = { line, cursor in
    let before = Array(line)[..<cursor]
    let start = before.lastIndex(of: " ").map { $0 + 1 } ?? 0
    let word = String(before[start...])
    let pool = word.hasPrefix(".") ? commands : word.contains(":") ? values : fields
    return Completion(replaceFrom: start, candidates: pool.filter { $0.hasPrefix(word) })
  }

  @Test func runDemoWhenAsked() {
    guard getenv("LINEEDIT_DEMO") != nil else { return }
    let environment = Dictionary(
      ProcessEnvironment.all(), uniquingKeysWith: { first, _ in first })
    let terminal = TerminalInfo.current(environment: environment)
    print("demo: pid=\(getpid()) columns=\(terminal.columns) interactive=\(terminal.isInteractive)")
    let editor = LineEditor(
      program: "safetykb-demo",
      historyFile: LineEditor.defaultHistoryPath(environment: environment),
      completer: Self.completer)
    loop: while true {
      switch editor.readLine(prompt: "demo> ") {
      case .line(let line):
        if TerminalSignals.takeResize() {
          print("resized: columns=\(TerminalInfo.windowSize().columns)")
        }
        print("got: [\(line)]")
      case .interrupted:
        print("(interrupted)")
      case .endOfInput:
        print("bye")
        break loop
      }
    }
  }
}

enum ProcessEnvironment {
  static func all() -> [(String, String)] {
    var result: [(String, String)] = []
    var pointer = environ
    while let entry = pointer.pointee {
      let text = String(cString: entry)
      if let equals = text.firstIndex(of: "=") {
        result.append((String(text[..<equals]), String(text[text.index(after: equals)...])))
      }
      pointer += 1
    }
    return result
  }
}
