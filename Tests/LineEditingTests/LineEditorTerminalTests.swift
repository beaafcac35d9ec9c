import LineEditing
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// End-to-end tests of `LineEditor` under a real pseudo-terminal: the test binary runs itself
/// with `LINEEDIT_DEMO=1`, which makes `DemoREPL` read lines and print `got: [line]`.
@Suite(.serialized) struct LineEditorTerminalTests {
  static let timeout = PseudoTerminal.patience

  static var testBinary: String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    return count > 0
      ? String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      : CommandLine.arguments[0]
  }

  /// Starts the demo REPL and waits for its first prompt. No LANG or LC_*: the editor must fall
  /// back to a UTF-8 locale by itself.
  static func startDemo(
    in folder: TemporaryFolder, columns: Int = 100, extra: [String: String] = [:]
  ) throws -> PseudoTerminal {
    var environment = [
      "LINEEDIT_DEMO": "1", "TERM": "xterm", "HOME": folder.path,
      "PATH": "/usr/bin:/bin", "SAFETYKB_HISTORY": folder.path + "/state/history",
    ]
    environment.merge(extra) { _, new in new }
    let terminal = try PseudoTerminal(
      executable: testBinary,
      arguments: ["--testing-library", "swift-testing", "--filter", "DemoREPL"],
      environment: environment, rows: 30, columns: columns)
    try terminal.waitFor("demo> ", timeout: timeout)
    return terminal
  }

  static func enter(_ terminal: PseudoTerminal, _ text: String, expect line: String? = nil) throws {
    terminal.send(text)
    terminal.send(key: .enter)
    try expectGot(terminal, line ?? text)
  }

  /// The demo echoed `line` and showed a new prompt.
  static func expectGot(_ terminal: PseudoTerminal, _ line: String) throws {
    try terminal.waitFor("got: [\(line)]", timeout: timeout)
    try terminal.waitFor("demo> ", timeout: timeout)
  }

  /// Ends the session with Ctrl-D. Call it after the prompt appeared: a key typed while the
  /// program is not reading is handled by the terminal in cooked mode (^D there is lost).
  static func end(_ terminal: PseudoTerminal) throws {
    terminal.send(key: .ctrlD)
    try terminal.waitFor("bye", timeout: timeout)
    #expect(try terminal.waitForExit(timeout: timeout) == 0)
  }

  @Test func typedLineComesBackAndCtrlDEndsWithZero() throws {
    let folder = try TemporaryFolder()
    let terminal = try Self.startDemo(in: folder)
    try Self.enter(terminal, "hello world")
    try Self.end(terminal)
  }

  @Test func nonASCIILineComesBackIntactAndFromHistory() throws {
    let folder = try TemporaryFolder()
    let terminal = try Self.startDemo(in: folder)
    try Self.enter(terminal, "café 東京")
    terminal.send(key: .up)
    terminal.send(key: .enter)
    try Self.expectGot(terminal, "café 東京")
    // Editing in the middle of wide characters: go left over 京 and insert.
    terminal.send("東京")
    terminal.send(key: .left)
    terminal.send("の")
    terminal.send(key: .enter)
    try Self.expectGot(terminal, "東の京")
    try Self.end(terminal)
  }

  @Test func tabCompletesASingleFieldWithoutSpace() throws {
    let folder = try TemporaryFolder()
    let terminal = try Self.startDemo(in: folder)
    terminal.send("off")
    terminal.send(key: .tab)
    try terminal.waitFor("ice:", timeout: Self.timeout)
    terminal.send(key: .enter)
    try Self.expectGot(terminal, "office:")
    terminal.send(".he")
    terminal.send(key: .tab)
    terminal.send(key: .enter)
    try Self.expectGot(terminal, ".help ")
    try Self.end(terminal)
  }

  @Test func tabWithSeveralCandidatesCompletesThePrefixThenLists() throws {
    let folder = try TemporaryFolder()
    let terminal = try Self.startDemo(in: folder)
    terminal.send("office:la")
    terminal.send(key: .tab)
    try terminal.waitFor("-dcfs/regional/", timeout: Self.timeout)
    terminal.send(key: .tab)
    let listing = try terminal.waitFor("office:la-dcfs/regional/palmdale", timeout: Self.timeout)
    #expect(listing.contains("office:la-dcfs/regional/lancaster  office:la-dcfs/regional/palmdale"))
    try terminal.waitFor("demo> ", timeout: Self.timeout)  // prompt and line redrawn
    terminal.send(key: .enter)
    try Self.expectGot(terminal, "office:la-dcfs/regional/")
    try Self.end(terminal)
  }

  @Test func upRecallsThePreviousLineAndCtrlRSearches() throws {
    let folder = try TemporaryFolder()
    let terminal = try Self.startDemo(in: folder)
    try Self.enter(terminal, "alpha one")
    try Self.enter(terminal, "beta two")
    terminal.send(key: .up)
    terminal.send(key: .enter)
    try Self.expectGot(terminal, "beta two")
    terminal.send(key: .ctrlR)
    terminal.send("alp")
    try terminal.waitFor("alpha one", timeout: Self.timeout)
    terminal.send(key: .enter)
    try Self.expectGot(terminal, "alpha one")
    try Self.end(terminal)
  }

  @Test func historyIsPersistedAndRecalledInTheNextSession() throws {
    let folder = try TemporaryFolder()
    let first = try Self.startDemo(in: folder)
    try Self.enter(first, "persisted entry")
    try Self.enter(first, " secret with leading space")
    try Self.end(first)
    #expect(folder.text("state/history") == "persisted entry\n")
    #expect(folder.mode("state/history") == 0o600)
    #expect(folder.mode("state") == 0o700)

    let second = try Self.startDemo(in: folder)
    second.send(key: .up)
    second.send(key: .enter)
    try Self.expectGot(second, "persisted entry")
    try Self.end(second)
  }

  @Test func ctrlCDiscardsTheLineAndTheProcessSurvives() throws {
    let folder = try TemporaryFolder()
    let terminal = try Self.startDemo(in: folder)
    terminal.send("discard this")
    terminal.send(key: .ctrlC)
    try terminal.waitFor("(interrupted)", timeout: Self.timeout)
    try terminal.waitFor("demo> ", timeout: Self.timeout)
    // A SIGINT from outside (not the key) while a line is half typed.
    terminal.send("half typed")
    try terminal.waitFor("typed", timeout: Self.timeout)
    kill(terminal.pid, SIGINT)
    try terminal.waitFor("(interrupted)", timeout: Self.timeout)
    try terminal.waitFor("demo> ", timeout: Self.timeout)
    try Self.enter(terminal, "kept")
    #expect(!terminal.output.contains("got: [discard"))
    #expect(!terminal.output.contains("got: [half"))
    try Self.end(terminal)
    #expect(folder.text("state/history") == "kept\n")
  }

  @Test func editrcBindVGivesViMode() throws {
    let folder = try TemporaryFolder()
    try folder.write(".editrc", "bind -v\n")
    let terminal = try Self.startDemo(in: folder)
    try Self.enter(terminal, "first")
    terminal.send("hello")
    terminal.send(key: .escape)
    terminal.send("0iX")  // command mode: to column 0, insert X
    terminal.send(key: .enter)
    try Self.expectGot(terminal, "Xhello")
    terminal.send("off")
    terminal.send(key: .tab)  // completion still bound in vi insert mode
    terminal.send(key: .enter)
    try Self.expectGot(terminal, "office:")
    terminal.send(key: .ctrlR)
    terminal.send("fir")
    try terminal.waitFor("first", timeout: Self.timeout)
    terminal.send(key: .enter)
    try Self.expectGot(terminal, "first")
    try Self.end(terminal)
  }

  @Test func resizeIsNoticed() throws {
    let folder = try TemporaryFolder()
    let terminal = try Self.startDemo(in: folder, columns: 100)
    terminal.resize(rows: 30, columns: 60)
    // SIGWINCH may arrive after the next line was read: enter lines until the demo reports it.
    for attempt in 1...50 where !terminal.output.contains("resized: columns=60") {
      try Self.enter(terminal, "x\(attempt)")
    }
    #expect(terminal.output.contains("resized: columns=60"))
    try Self.end(terminal)
  }
}
