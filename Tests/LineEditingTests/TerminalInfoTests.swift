import LineEditing
import Testing

@Suite struct TerminalInfoTests {
  @Test func windowSizeWinsOverEnvironment() {
    let info = TerminalInfo.resolve(
      environment: ["COLUMNS": "50", "LINES": "10", "TERM": "xterm-256color"],
      stdinIsTTY: true, stdoutIsTTY: true, windowColumns: 132, windowRows: 43)
    #expect(info.columns == 132 && info.rows == 43)
    #expect(info.isInteractive && info.usesColor && !info.isDumb && !info.noColor)
  }

  @Test func environmentWhenNoWindow() {
    let info = TerminalInfo.resolve(
      environment: ["COLUMNS": " 50 ", "LINES": "10"], stdinIsTTY: false, stdoutIsTTY: false,
      windowColumns: 0, windowRows: 0)
    #expect(info.columns == 50 && info.rows == 10)
    #expect(!info.isInteractive && !info.usesColor)
  }

  @Test func defaultsWhenNothingKnown() {
    let info = TerminalInfo.resolve(
      environment: ["COLUMNS": "wide", "LINES": "-3"], stdinIsTTY: true, stdoutIsTTY: false,
      windowColumns: 0, windowRows: 0)
    #expect(info.columns == 80 && info.rows == 24)
  }

  @Test func dumbTerminalAndNoColor() {
    let dumb = TerminalInfo.resolve(
      environment: ["TERM": "dumb"], stdinIsTTY: true, stdoutIsTTY: true, windowColumns: 80,
      windowRows: 24)
    #expect(dumb.isDumb && !dumb.isInteractive && !dumb.usesColor)
    let noColor = TerminalInfo.resolve(
      environment: ["NO_COLOR": "1"], stdinIsTTY: true, stdoutIsTTY: true, windowColumns: 80,
      windowRows: 24)
    #expect(noColor.noColor && noColor.isInteractive && !noColor.usesColor)
    let emptyNoColor = TerminalInfo.resolve(
      environment: ["NO_COLOR": ""], stdinIsTTY: true, stdoutIsTTY: true, windowColumns: 80,
      windowRows: 24)
    #expect(!emptyNoColor.noColor)
  }

  @Test func historyPathRule() {
    #expect(
      LineEditor.defaultHistoryPath(environment: [
        "SAFETYKB_HISTORY": "/x/h", "XDG_STATE_HOME": "/s", "HOME": "/home/u",
      ]) == "/x/h")
    #expect(
      LineEditor.defaultHistoryPath(environment: ["XDG_STATE_HOME": "/s/", "HOME": "/home/u"])
        == "/s/safetykb/history")
    #expect(
      LineEditor.defaultHistoryPath(environment: ["XDG_STATE_HOME": "relative", "HOME": "/home/u"])
        == "/home/u/.local/state/safetykb/history")
    #expect(
      LineEditor.defaultHistoryPath(environment: ["SAFETYKB_HISTORY": "", "HOME": "/home/u"])
        == "/home/u/.local/state/safetykb/history")
    #expect(LineEditor.defaultHistoryPath(environment: [:]) == nil)
  }
}
