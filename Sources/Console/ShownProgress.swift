import Foundation

/// A progress line on standard error while a long load runs, when standard error is a terminal
/// and `TERM` is not `dumb` (one at a time: a load inside a session's load shows none of its
/// own). `SAFETYKB_PROGRESS_AFTER` (seconds, default 1) says how long a load runs before the line
/// shows.
public struct ShownProgress {
  nonisolated(unsafe) private static var active = false
  private let line: ProgressLine?

  public init(stderrIsTerminal: Bool, dumb: Bool, environment: [String: String]) {
    guard ProgressLine.isWanted(stderrIsTerminal: stderrIsTerminal, dumb: dumb), !Self.active
    else {
      line = nil
      return
    }
    Self.active = true
    let delay = environment["SAFETYKB_PROGRESS_AFTER"].flatMap(Double.init) ?? 1
    line = ProgressLine(after: delay)
  }

  /// Stops the line, if one was started, and clears it.
  public func stop() {
    guard let line else { return }
    line.stop()
    Self.active = false
  }
}
