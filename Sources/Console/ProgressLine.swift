import Foundation
import KnowledgeModel
import SystemIO

/// A progress line on standard error while a long load runs: nothing for the first second (a
/// quick start shows nothing), then the phase, how far it has come, its rate and the time left,
/// redrawn in place a few times a second, and cleared when the load is done. Only on a terminal:
/// never in a pipe or a file, never with `TERM=dumb` (the caller decides, `isWanted`).
public final class ProgressLine: @unchecked Sendable {
  private let progress: LoadProgress
  private let delay: Double
  private let stopped = DispatchSemaphore(value: 0)
  private let finished = DispatchSemaphore(value: 0)

  /// Whether a progress line belongs on standard error.
  public static func isWanted(stderrIsTerminal: Bool, dumb: Bool) -> Bool {
    stderrIsTerminal && !dumb
  }

  /// Starts watching `progress` on a thread of its own, drawing after `delay` seconds.
  public init(_ progress: LoadProgress = .shared, after delay: Double = 1) {
    self.progress = progress
    self.delay = delay
    let thread = Thread { [self] in run() }
    thread.start()
  }

  /// Stops drawing and clears the line.
  public func stop() {
    stopped.signal()
    finished.wait()
  }

  private func run() {
    let start = DispatchTime.now()
    var drawn = false
    // Until the line shows, the load is looked at often (every 5 ms when it is to show at once),
    // then the line is redrawn five times a second.
    let early = delay == 0 ? 5 : 50
    while stopped.wait(timeout: .now() + .milliseconds(drawn ? 200 : early)) == .timedOut {
      let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
      guard elapsed >= delay, let text = Self.text(progress.snapshot) else { continue }
      write("\r\u{1B}[K" + text)
      drawn = true
    }
    if drawn { write("\r\u{1B}[K") }
    finished.signal()
  }

  /// Writes straight to standard error (not through `Output.error`, which would make the
  /// carriage return and the erase sequence visible); a failed write only loses the line.
  private func write(_ text: String) {
    try? Files.writeAll(2, Array(text.utf8))
  }

  /// The line for a moment of a load, or nil when there is nothing to show.
  public static func text(_ s: LoadProgress.Snapshot) -> String? {
    func number(_ n: Int) -> String {
      let digits = String(n)
      var out = ""
      for (i, c) in digits.enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 { out += "," }
        out.append(c)
      }
      return out
    }
    func counted(_ verb: String, _ noun: String) -> String {
      var line = "\(verb) \(number(min(s.done, s.total))) of \(number(s.total)) \(noun)"
      if s.seconds >= 0.5, s.done > 0 {
        let rate = Double(s.done) / s.seconds
        let left = Double(max(0, s.total - s.done)) / rate
        line += " (\(number(Int(rate))) a second, about \(Int(left.rounded(.up))) s left)"
      }
      return line + "…"
    }
    switch s.phase {
    case .idle: return nil
    case .parsing: return counted("loading: read", "files")
    case .indexing:
      return s.done < s.total ? counted("indexing:", "entries") : "indexing: building the postings…"
    case .writing: return "writing the cache…"
    }
  }
}
