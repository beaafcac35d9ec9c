import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct PseudoTerminalTests {
  @Test func childSeesATerminalOfTheChosenSize() throws {
    let terminal = try PseudoTerminal(
      executable: "/bin/sh", arguments: ["-c", "test -t 0 && test -t 1 && stty size; exit 3"],
      environment: ["PATH": "/usr/bin:/bin"], rows: 33, columns: 77)
    try terminal.waitFor("33 77", timeout: 20)
    #expect(try terminal.waitForExit(timeout: 20) == 3)
  }

  @Test func waitingForOutputThatNeverComesFailsFastOnceTheProgramIsGone() throws {
    let terminal = try PseudoTerminal(
      executable: "/bin/sh", arguments: ["-c", "echo bye"], environment: [:])
    let start = Date.now
    #expect(throws: PseudoTerminal.Timeout.self) { try terminal.waitFor("never", timeout: 1) }
    #expect(Date.now - start < 10)
    #expect(terminal.output.contains("bye"))
  }
}

private enum Date {
  static var now: Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
  }
}
