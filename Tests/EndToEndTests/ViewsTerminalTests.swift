import Foundation
import TestSupport
import Testing

/// The analysts' views on a real pseudo-terminal: a timeline with its bars, a tree, a cross-tab.
@Suite(.serialized) struct ViewsTerminalTests {
  let prompt = "safetykb> "

  func start(home: TemporaryFolder) throws -> PseudoTerminal {
    let env = [
      "TERM": "xterm", "LANG": "C.UTF-8", "HOME": home.path, "PATH": "/usr/bin:/bin",
      "SAFETYKB_KB": FixturePaths.smallKB, "PAGER": "", "NO_COLOR": "1",
    ]
    let term = try PseudoTerminal(executable: Binary.path, environment: env, rows: 40, columns: 80)
    _ = try term.waitFor(prompt, timeout: 30)
    return term
  }

  /// The rows after the echoed query, up to the next prompt.
  func lines(_ shown: String) -> [String] {
    shown.replacingOccurrences(of: "\r", with: "").split(separator: "\n").dropFirst()
      .map(String.init).filter { !$0.hasPrefix(prompt) }
  }

  @Test func timelineTreeAndCrossTab() throws {
    let home = try TemporaryFolder()
    let term = try start(home: home)
    term.send("kind:principle | count by year\r")
    let timeline = lines(try term.waitFor(prompt))
    // 2019 … 2022 in order, the empty years as 0 without a bar.
    let rows = timeline.dropFirst().map { $0.split(separator: " ").map(String.init) }
    #expect(rows.map { $0.first ?? "" } == ["2019", "2020", "2021", "2022"])
    #expect(rows.map { $0.count > 1 ? $0[1] : "" } == ["1", "0", "0", "1"])
    #expect(rows.map { $0.last?.hasPrefix("█") == true } == [true, false, false, true])
    term.send("* | count by office\r")
    let tree = lines(try term.waitFor(prompt))
    #expect(tree.contains { $0.hasPrefix("la-dcfs ") })
    #expect(tree.contains { $0.hasPrefix("  regional ") })
    #expect(tree.contains { $0.hasPrefix("    lancaster ") })
    term.send("* | count by kind, year\r")
    let grid = lines(try term.waitFor(prompt))
    #expect(grid.first?.hasPrefix("kind") == true)
    #expect(grid.first?.hasSuffix("2018  2019  2020  2021  2022") == true)
    term.send(key: .ctrlD)
    #expect(try term.waitForExit() == 0)
  }
}
