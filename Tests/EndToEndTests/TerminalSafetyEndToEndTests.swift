import Foundation
import TestSupport
import Testing

/// The built binary over a knowledge base whose titles, bodies, fields, tags, vocabulary and
/// saved searches carry escape sequences: no output path writes them raw to a terminal.
@Suite struct TerminalSafetyEndToEndTests {
  /// Bytes that act on a terminal: ESC, BEL, BS, CR (other than in a CRLF line end) and the
  /// bidirectional overrides.
  static func actsOnATerminal(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    for (i, s) in scalars.enumerated() {
      switch s.value {
      case 0x1B, 0x07, 0x08, 0x9B, 0x202A...0x202E, 0x2066...0x2069: return true
      case 0x0D where i + 1 >= scalars.count || scalars[i + 1] != "\n": return true
      default: continue
      }
    }
    return false
  }

  static func hostileKB() throws -> TemporaryFolder {
    let kb = try TemporaryFolder()
    try kb.write(
      "vocabulary.yaml",
      "name: \"KB \\e]0;t\\a\"\nkinds:\n  lesson: {label: \"Les\\e[31mson\", description: \"d\\e[2J\"}\n"
        + "tags:\n  t: {label: \"T\\r\", description: \"x\\u202E\"}\noffices: {}\noutcomes: {}\n")
    try kb.write(
      "lessons/evil.md",
      "---\nid: evil\ntitle: \"Evil \\e]0;pwned\\a \\e[31mred\\r over\\b \\u202Eright\"\n"
        + "summary: \"s \\e]8;;http://x\\e\\\\link\"\ntags: [\"t\", \"t\\e[1mbold\"]\nowner: \"o\\e[2Jwn\"\n"
        + "date: 2020-01-01\n---\nBody \u{1B}[31mred\u{1B}[0m and \u{1B}]0;title\u{07} \r back\u{08}\n"
    )
    try kb.write(
      "searches.yaml",
      "searches:\n  - name: ok\n    query: \"tag:t\"\n    description: \"d \\e]0;x\\a\"\n"
        + "  - name: \"b\\e[2Jad\"\n    query: x\n")
    return kb
  }

  /// Runs the binary with standard output a pipe; the human formats and every message must be
  /// escaped.
  static let pipeRuns: [[String]] = [
    ["query", "--format", "table", "*"],
    ["query", "--format", "markdown", "*"],
    ["query", "--format", "table", "* | count by tag"],
    ["query", "--format", "table", "owner:* | fields id,title,owner,tag,summary"],
    ["show", "evil"],
    ["show", "zz\u{1B}[2J"],
    ["explain", "owner:\u{1B}[2J x"],
    ["check"],
    ["vocab", "--format", "table"],
    ["searches", "--format", "table"],
    ["query", "o\u{1B}[2Jwner:x"],
    ["query", "tag:\u{1B}]0;x\u{07}("],
  ]

  @Test(arguments: pipeRuns)
  func throughAPipe(_ arguments: [String]) throws {
    let kb = try Self.hostileKB()
    let run = try Binary.run(arguments + ["--kb", kb.path])
    #expect(!Self.actsOnATerminal(run.stdout), "stdout: \(run.stdout.debugDescription)")
    #expect(!Self.actsOnATerminal(run.stderr), "stderr: \(run.stderr.debugDescription)")
  }

  @Test func theShellThroughAPipe() throws {
    let kb = try Self.hostileKB()
    let lines = [
      ".format table", "*", ".show evil", "owner:\u{1B}[2J(", ".show zz\u{1B}[2J", ".searches",
      ".vocab", ".reload",
    ]
    let run = try Binary.run(["--kb", kb.path], stdin: lines.joined(separator: "\n") + "\n")
    #expect(!Self.actsOnATerminal(run.stdout), "stdout: \(run.stdout.debugDescription)")
    #expect(!Self.actsOnATerminal(run.stderr), "stderr: \(run.stderr.debugDescription)")
  }

  static let hasScript = FileManager.default.isExecutableFile(atPath: "/usr/bin/script")

  /// On a terminal (util-linux `script` gives the binary a pseudo-terminal) every format is
  /// escaped; colour and emphasis (`ESC [ … m`) are the program's own and are removed first.
  @Test(
    .enabled(if: hasScript, "needs util-linux 'script' for a pseudo-terminal"),
    arguments: ["table", "tsv", "csv", "json", "jsonl", "ids", "markdown"])
  func onATerminal(_ format: String) throws {
    let kb = try Self.hostileKB()
    let command = [Binary.path, "query", "--kb", kb.path, "--format", format, "*"]
      .map { "'" + $0 + "'" }.joined(separator: " ")
    let run = try Binary.run(
      ["-qec", command, "/dev/null"], environment: ["NO_COLOR": "1"], executable: "/usr/bin/script")
    let visible = run.stdout.replacingOccurrences(
      of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression
    )
    // The pseudo-terminal turns each line end into CR LF (CSV's own CR LF into CR CR LF).
    .replacingOccurrences(of: "\r+\n", with: "\n", options: .regularExpression)
    #expect(run.stdout.contains("evil"))
    #expect(!Self.actsOnATerminal(visible), "\(visible.debugDescription)")
  }
}
