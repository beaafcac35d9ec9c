/// Whether loading through the cache asks a watch daemon which files changed, instead of taking
/// the stamp of every file, and when it starts one.
public struct WatchUse: Sendable, Hashable {
  /// The program a daemon is started with (`safetykb watch-daemon …`); nil: use a daemon that is
  /// already running, never start one.
  public var executable: String?
  /// Start a daemon only for a knowledge base of at least this many files: below it, taking
  /// every stamp costs less than a process left running.
  public var threshold: Int
  /// How long to wait for the daemon's answer before taking every stamp instead.
  public var patience: Duration

  public init(
    executable: String?, threshold: Int = WatchUse.defaultThreshold,
    patience: Duration = .milliseconds(500)
  ) {
    self.executable = executable
    self.threshold = threshold
    self.patience = patience
  }

  /// 5,000 files: about 20 ms of stamps on this project's test machine, where a scan begins to
  /// cost more than the rest of a one-shot query.
  public static let defaultThreshold = 5_000

  /// The use the environment asks for: `SAFETYKB_WATCH=never` (no daemon, every stamp taken),
  /// `always` (a daemon for any size), anything else or unset: `auto` (a daemon from
  /// `defaultThreshold` files). Nil for `never`.
  public static func from(environment: [String: String], executable: String?) -> WatchUse? {
    switch environment["SAFETYKB_WATCH"]?.lowercased() {
    case "never", "off", "0": return nil
    case "always": return WatchUse(executable: executable, threshold: 0)
    default: return WatchUse(executable: executable)
    }
  }
}
