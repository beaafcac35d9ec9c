import LineEditing
import Rendering
import ShellKit

/// Standard output and error for the shell on a terminal: long output goes through the pager,
/// Ctrl-C stops output that is being written, and commands share the terminal.
public struct TerminalPort: OutputPort {
  /// `$PAGER`, else `less -FRX`; an empty `$PAGER` turns paging off.
  public let pager: String?
  public var terminal: TerminalInfo

  public init(terminal: TerminalInfo, environment: [String: String]) {
    self.terminal = terminal
    if let value = environment["PAGER"] {
      pager = value.allSatisfy(\.isWhitespace) ? nil : value
    } else {
      pager = "less -FRX"
    }
  }

  public mutating func write(_ content: ByteSink) {
    // Ctrl-C while the answer was being computed: the user no longer wants it.
    if TerminalSignals.takeInterrupt() { return }
    terminal.refreshSizeIfResized()
    let lines = content.withBytes { $0.count { $0 == UInt8(ascii: "\n") } }
    if let pager, terminal.rows > 0, lines >= terminal.rows - 1 {
      let result = Subprocess.run(pager, input: content)
      if result.launchError == nil, result.status != 127 { return }
    }
    writeStoppably(content)
  }

  /// Writes 64 lines at a time, checking for Ctrl-C in between.
  func writeStoppably(_ content: ByteSink) {
    content.withBytes { bytes in
      var start = 0
      var lines = 0
      for i in bytes.indices where bytes[i] == UInt8(ascii: "\n") {
        lines += 1
        if lines % 64 == 0 {
          Output.standard.write(utf8: UnsafeBufferPointer(rebasing: bytes[start...i]))
          start = i + 1
          Output.standard.flush()
          if TerminalSignals.takeInterrupt() {
            Output.standard.write("\n(output stopped)\n")
            Output.standard.flush()
            return
          }
        }
      }
      Output.standard.write(utf8: UnsafeBufferPointer(rebasing: bytes[start...]))
      Output.standard.flush()
    }
  }

  public mutating func writeError(_ text: String) {
    Output.standard.flush()
    Output.error.write(text)
  }

  public mutating func run(_ command: String, input: ByteSink?) -> Bool {
    defer { _ = TerminalSignals.takeInterrupt() }
    return Subprocess.run(command, input: input).reportFailure(command)
  }
}

/// Standard output and error for a pipe, a file or a one-shot command: bytes as they are.
public struct StandardPort: OutputPort {
  public init() {}

  /// Writes and flushes each outcome's content: a program feeding the shell queries over time
  /// reads each answer as soon as it is ready.
  public mutating func write(_ content: ByteSink) {
    content.withBytes { Output.standard.write(utf8: $0) }
    Output.standard.flush()
  }

  public mutating func writeError(_ text: String) {
    Output.standard.flush()
    Output.error.write(text)
  }

  public mutating func run(_ command: String, input: ByteSink?) -> Bool {
    Subprocess.run(command, input: input).reportFailure(command)
  }
}
