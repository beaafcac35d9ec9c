import Rendering
import ShellKit

/// Lines given in advance; every question is answered `yes`, and the transcript records it.
struct ScriptedSource: LineSource {
  var lines: [String]
  var next = 0
  var transcript: Transcript

  mutating func read(prompt: String) -> LineInput {
    if next > 0, prompt.hasSuffix("[y/N] ") {  // a question about the line just read
      transcript.text += "? \(prompt)yes\n"
      return .line("yes")
    }
    guard next < lines.count else {
      transcript.ended = true
      return .end
    }
    defer { next += 1 }
    transcript.text += "> \(lines[next])\n"
    return .line(lines[next])
  }
}

/// Everything a loop wrote, in transcript form: output as it is, standard error as `2> ` lines,
/// commands as `(piped to: …)` and `(shell: …)` after the text they were given.
final class Transcript: OutputPort {
  var text = ""
  var ended = false

  func write(_ content: ByteSink) { text += content.text }

  func writeError(_ lines: String) {
    for line in lines.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
      text += "2> \(line)\n"
    }
  }

  func run(_ command: String, input: ByteSink?) -> Bool {
    if let input {
      text += input.text + "(piped to: \(command))\n"
    } else {
      text += "(shell: \(command))\n"
    }
    return true
  }
}

extension LoopPolicy {
  /// Like a person at a terminal who answers questions, without prompts or banner; failures
  /// count, so a test can see them.
  static var scripted: LoopPolicy { .oneShot(asking: true) }
}

extension Session {
  /// Runs lines through the one loop with plain output, and gives what it wrote.
  func replay(_ lines: [String]) -> (text: String, status: Int32) {
    let transcript = Transcript()
    var source = ScriptedSource(lines: lines, transcript: transcript)
    var port = transcript
    let loop = SessionLoop(session: self, presenter: Presenter(options: .plain), policy: .scripted)
    let status = loop.run(from: &source, to: &port)
    if !transcript.ended { transcript.text += "(quit)\n" }
    return (transcript.text, status)
  }

  /// One line's output with plain options (standard error dropped).
  func output(_ line: String) -> String {
    var sink = ""
    Presenter(options: .plain).render(execute(line: line).content, into: &sink)
    return sink
  }
}

/// What one line gave, rendered plain: standard output, standard error, and whether it failed.
struct LineResult {
  var output: String
  var diagnostics: String
  var failed: Bool
}

extension Session {
  /// Executes one line and delivers its outcome as the loop does, with plain output.
  func run(_ line: String) -> LineResult {
    let port = Captured()
    var delivered = port
    let outcome = execute(line: line)
    let loop = SessionLoop(session: self, presenter: Presenter(options: .plain), policy: .scripted)
    _ = loop.deliver(outcome, to: &delivered)
    return LineResult(
      output: port.output, diagnostics: port.errors, failed: outcome.status == .failed)
  }
}

/// Standard output and error kept apart, as text.
final class Captured: OutputPort {
  var output = ""
  var errors = ""

  func write(_ content: ByteSink) { output += content.text }
  func writeError(_ text: String) { errors += text }
  func run(_ command: String, input: ByteSink?) -> Bool { true }
}
