import CLibEdit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Terminal facts, decided once at start and passed down as a value.
public struct TerminalInfo: Sendable, Equatable {
  public var stdinIsTTY: Bool
  public var stdoutIsTTY: Bool
  /// `TERM=dumb` (Emacs shell buffers, some CI logs): no cursor movement.
  public var isDumb: Bool
  /// `NO_COLOR` is set to a non-empty value (https://no-color.org).
  public var noColor: Bool
  public var columns: Int
  public var rows: Int

  public init(
    stdinIsTTY: Bool, stdoutIsTTY: Bool, isDumb: Bool, noColor: Bool, columns: Int, rows: Int
  ) {
    self.stdinIsTTY = stdinIsTTY
    self.stdoutIsTTY = stdoutIsTTY
    self.isDumb = isDumb
    self.noColor = noColor
    self.columns = columns
    self.rows = rows
  }

  /// Interactive editing (libedit) makes sense: both ends are terminals that can move a cursor.
  public var isInteractive: Bool { stdinIsTTY && stdoutIsTTY && !isDumb }
  /// Colour and other escape sequences may be written to standard output.
  public var usesColor: Bool { stdoutIsTTY && !isDumb && !noColor }

  /// The facts of this process's standard input and output.
  public static func current(environment: [String: String]) -> TerminalInfo {
    of(input: 0, output: 1, error: 2, environment: environment)
  }

  /// The facts of the given standard streams (another process's, passed to the query server).
  public static func of(input: Int32, output: Int32, error: Int32, environment: [String: String])
    -> TerminalInfo
  {
    let size = windowSize(of: [output, error, input])
    return resolve(
      environment: environment, stdinIsTTY: isatty(input) == 1, stdoutIsTTY: isatty(output) == 1,
      windowColumns: size.columns, windowRows: size.rows)
  }

  /// The pure rule: window size when known (> 0), else `COLUMNS`/`LINES`, else 80×24.
  public static func resolve(
    environment: [String: String], stdinIsTTY: Bool, stdoutIsTTY: Bool,
    windowColumns: Int, windowRows: Int
  ) -> TerminalInfo {
    func positive(_ name: String) -> Int? {
      environment[name].flatMap { Int($0.trimmingSpaces) }.flatMap { $0 > 0 ? $0 : nil }
    }
    return TerminalInfo(
      stdinIsTTY: stdinIsTTY, stdoutIsTTY: stdoutIsTTY,
      isDumb: environment["TERM"] == "dumb",
      noColor: !(environment["NO_COLOR"] ?? "").isEmpty,
      columns: windowColumns > 0 ? windowColumns : positive("COLUMNS") ?? 80,
      rows: windowRows > 0 ? windowRows : positive("LINES") ?? 24)
  }

  /// The window size of the first of `fds` (stdout, stderr, stdin) that is a terminal; 0 when
  /// unknown.
  public static func windowSize(of fds: [Int32] = [1, 2, 0]) -> (columns: Int, rows: Int) {
    for fd in fds {
      var columns: Int32 = 0
      var rows: Int32 = 0
      if skb_window_size(fd, &columns, &rows) == 0, columns > 0 {
        return (Int(columns), Int(rows))
      }
    }
    return (0, 0)
  }

  /// Reads `columns` and `rows` again when the terminal was resized since the last look
  /// (SIGWINCH; see `TerminalSignals.install()`).
  public mutating func refreshSizeIfResized() {
    if TerminalSignals.takeResize() { self = refreshingSize() }
  }

  /// This value with `columns` and `rows` read again (after a resize).
  public func refreshingSize() -> TerminalInfo {
    var copy = self
    let size = Self.windowSize()
    if size.columns > 0 {
      copy.columns = size.columns
      copy.rows = size.rows
    }
    return copy
  }
}

extension String {
  fileprivate var trimmingSpaces: String {
    String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}
