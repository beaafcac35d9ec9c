import Foundation
import TestSupport
import Testing

/// The shell as a person meets it: the built binary under a real pseudo-terminal.
@Suite(.serialized) struct InteractiveShellTests {
  let prompt = "safetykb> "

  func start(
    kb: String = FixturePaths.smallKB, home: TemporaryFolder, environment: [String: String] = [:]
  )
    throws -> PseudoTerminal
  {
    var env = [
      "TERM": "xterm", "LANG": "C.UTF-8", "HOME": home.path, "PATH": "/usr/bin:/bin",
      "SAFETYKB_KB": kb, "PAGER": "",
    ]
    for (k, v) in environment { env[k] = v }
    let term = try PseudoTerminal(executable: Binary.path, environment: env, rows: 30, columns: 100)
    _ = try term.waitFor(prompt)
    return term
  }

  @Test func showsABannerRunsAQueryAndLeavesOnCtrlD() throws {
    let home = try TemporaryFolder()
    let term = try start(home: home)
    #expect(term.output.contains("Small fixture knowledge base: 8 entries"))
    term.send("office:lancaster\r")
    let shown = try term.waitFor(prompt)
    #expect(shown.contains("lancaster-resources"))
    #expect(shown.contains("lancaster-grief"))
    term.send(key: .ctrlD)
    #expect(try term.waitForExit() == 0)
  }

  /// Completion is judged by its effect: the completed line, once entered, does what the full
  /// words would (the raw output holds redraw sequences, not the plain line).
  @Test func tabCompletesCommandsFieldsAndValues() throws {
    let home = try TemporaryFolder()
    let term = try start(home: home)
    term.send(".sh")
    term.send(key: .tab)
    term.send("just-cul")
    term.send(key: .tab)
    term.send("\r")
    let shown = try term.waitFor(prompt)
    #expect(shown.contains("Just culture separates error from recklessness"))
    term.send("off")
    term.send(key: .tab)
    term.send("lanc")
    term.send(key: .tab)
    term.send("tag:sup")
    term.send(key: .tab)
    term.send("| fields id,tag\r")
    let result = try term.waitFor(prompt)
    #expect(result.contains("lancaster-grief"))
    #expect(!result.contains("lancaster-resources"))
    #expect(!result.contains("error"))
    term.send("tag:s")
    term.send(key: .tab)
    let listed = try term.waitFor("supervision")
    #expect(listed.contains("safety-culture"))
    // libedit draws the prompt and the line again under the list. Wait for that copy first, or
    // the wait after Ctrl-C would end on it, and Ctrl-D could reach the terminal between two
    // reads, in its cooked mode, where it is no key at all.
    _ = try term.waitFor(prompt)
    term.send(key: .ctrlC)
    _ = try term.waitFor(prompt)
    term.send(key: .ctrlD)
    #expect(try term.waitForExit() == 0)
  }

  @Test func historyIsRecalledInASecondSession() throws {
    let home = try TemporaryFolder()
    let history = home.url("history")
    let first = try start(home: home, environment: ["SAFETYKB_HISTORY": history])
    first.send("kind:principle | count\r")
    _ = try first.waitFor(prompt)
    first.send(" secret-not-stored\r")
    _ = try first.waitFor(prompt)
    first.send(key: .ctrlD)
    #expect(try first.waitForExit() == 0)
    let stored = String(decoding: try home.read("history"), as: UTF8.self)
    #expect(stored == "kind:principle | count\n")
    var info = stat()
    #expect(stat(history, &info) == 0)
    #expect(info.st_mode & 0o777 == 0o600)

    let second = try start(home: home, environment: ["SAFETYKB_HISTORY": history])
    second.send(key: .up)
    _ = try second.waitFor("kind:principle | count")
    second.send("\r")
    let counted = try second.waitFor(prompt)
    #expect(counted.contains("2"))
    second.send(key: .ctrlD)
    #expect(try second.waitForExit() == 0)
  }

  @Test func ctrlCClearsTheLineAndNeverEndsTheShell() throws {
    let home = try TemporaryFolder()
    let term = try start(home: home)
    term.send("tag:supervision kind:les")
    term.send(key: .ctrlC)
    _ = try term.waitFor(prompt)
    term.send("kind:principle | count\r")
    let after = try term.waitFor(prompt)
    #expect(after.contains("2"))
    term.send(key: .ctrlD)
    #expect(try term.waitForExit() == 0)
  }

  @Test func ctrlCStopsALongOutput() throws {
    let home = try TemporaryFolder()
    let big = try TemporaryFolder()
    // 3,000 bodies of 2 KB each, 6 MB in all: ten times what the kernel buffers between the
    // shell and the terminal (640 KB on Linux), so the shell must wait for the terminal while
    // the test reads nothing, and is still writing when Ctrl-C arrives, however fast it runs
    // or however loaded the machine is.
    let filler = String(repeating: "words to fill the body ", count: 90)
    for i in 0..<3000 {
      try big.write("e\(10000 + i).md", "---\ntitle: Entry number \(i)\n---\n\(filler)")
    }
    let term = try start(kb: big.path, home: home)
    term.send(".format tsv\r")
    _ = try term.waitFor(prompt)
    term.send("* | fields id,body\r")
    _ = try term.waitFor("e10000")
    term.send(key: .ctrlC)
    let stopped = try term.waitFor("(output stopped)")
    #expect(!stopped.contains("e12999"))
    _ = try term.waitFor(prompt)
    term.send("* | count\r")
    _ = try term.waitFor("3000")
    _ = try term.waitFor(prompt)
    term.send(key: .ctrlD)
    #expect(try term.waitForExit() == 0)
  }

  @Test func pipesResultsToACommand() throws {
    let home = try TemporaryFolder()
    let term = try start(home: home)
    term.send("kind:lesson ! wc -l\r")
    let out = try term.waitFor(prompt)
    #expect(out.contains("5"))
    term.send("* ! false\r")
    let failed = try term.waitFor(prompt)
    #expect(failed.contains("error: 'false' exited with status 1"))
    term.send(key: .ctrlD)
    #expect(try term.waitForExit() == 0)
  }

  @Test func nonASCIIInputWorks() throws {
    let home = try TemporaryFolder()
    let term = try start(home: home)
    term.send("café\r")
    let out = try term.waitFor(prompt)
    #expect(out.contains("café"))
    #expect(out.contains("safety-science"))
    term.send("\"東京\"\r")
    let none = try term.waitFor(prompt)
    #expect(none.contains("(no matching entries)"))
    term.send(key: .ctrlD)
    #expect(try term.waitForExit() == 0)
  }

  @Test func savingOverAnExistingNameAsksFirst() throws {
    let home = try TemporaryFolder()
    let term = try start(home: home, environment: ["SAFETYKB_SEARCHES": home.url("s.yaml")])
    term.send(".save mine tag:supervision\r")
    _ = try term.waitFor("saved @mine")
    _ = try term.waitFor(prompt)
    term.send(".save mine kind:lesson\r")
    _ = try term.waitFor("replace it? [y/N] ")
    term.send("n\r")
    _ = try term.waitFor("not saved")
    _ = try term.waitFor(prompt)
    term.send(".save mine kind:lesson\r")
    _ = try term.waitFor("replace it? [y/N] ")
    term.send("y\r")
    _ = try term.waitFor("replaced @mine: kind:lesson")
    _ = try term.waitFor(prompt)
    term.send(key: .ctrlD)
    #expect(try term.waitForExit() == 0)
  }
}
