import Foundation
import TestSupport
import Testing

/// The progress line of a long load: on a terminal's standard error only, never in a pipe or with
/// `TERM=dumb`. `SAFETYKB_PROGRESS_AFTER=0` shows it at once instead of after a second (the load
/// is looked at every 5 ms), and a knowledge base of 500 files loads for long enough to be seen
/// (no time is asserted). The knowledge base is small so as not to load the machine while other
/// suites run their terminal tests.
@Suite(.serialized) struct ProgressLineTests {
  static func knowledgeBase() throws -> TemporaryFolder {
    let kb = try TemporaryFolder()
    for n in 0..<500 {
      try kb.write(
        "lessons/e\(n).md", Fixtures.entry(id: "e\(n)", title: "Entry \(n) about reviews"))
    }
    return kb
  }

  func environment(_ kb: TemporaryFolder, _ cache: TemporaryFolder, term: String = "xterm")
    -> [String: String]
  {
    [
      "TERM": term, "LANG": "C.UTF-8", "HOME": cache.path, "XDG_CACHE_HOME": cache.path,
      "PATH": "/usr/bin:/bin", "SAFETYKB_PROGRESS_AFTER": "0",
    ]
  }

  @Test func aTerminalSeesTheLoadAndTheLineIsCleared() throws {
    let kb = try Self.knowledgeBase()
    let cache = try TemporaryFolder()
    let term = try PseudoTerminal(
      executable: Binary.path, arguments: ["query", "--kb", kb.path, "reviews | count"],
      environment: environment(kb, cache))
    #expect(try term.waitForExit(timeout: 120) == 0)
    let output = term.output
    #expect(output.contains("loading: read "))
    #expect(output.contains(" of 500 files"))
    let last = try #require(output.range(of: "\r\u{1B}[K", options: .backwards))
    #expect(!output[last.upperBound...].contains("loading"))
  }

  @Test func aDumbTerminalSeesNoLine() throws {
    let kb = try Self.knowledgeBase()
    let cache = try TemporaryFolder()
    let term = try PseudoTerminal(
      executable: Binary.path, arguments: ["query", "--kb", kb.path, "reviews | count"],
      environment: environment(kb, cache, term: "dumb"))
    #expect(try term.waitForExit(timeout: 120) == 0)
    #expect(!term.output.contains("loading"))
    #expect(!term.output.contains("\u{1B}[K"))
  }

  @Test func aPipeSeesNoLine() throws {
    let kb = try Self.knowledgeBase()
    let cache = try TemporaryFolder()
    let run = try Binary.run(
      ["query", "--kb", kb.path, "reviews | count"],
      environment: ["XDG_CACHE_HOME": cache.path, "SAFETYKB_PROGRESS_AFTER": "0"])
    #expect(run.status == 0)
    #expect(run.stderr.isEmpty)
    #expect(run.stdout.contains("500"))
  }
}
