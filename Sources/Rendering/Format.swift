/// The output formats of a query's results.
public enum Format: String, CaseIterable, Sendable {
  case table, tsv, csv, json, jsonl, ids, markdown

  /// One line for help texts.
  public var summary: String {
    switch self {
    case .table: return "aligned columns fitted to the terminal (default on a terminal)"
    case .tsv: return "tab-separated values with a header row (default in a pipe)"
    case .csv: return "comma-separated values, RFC 4180, with a header row"
    case .json: return "one JSON array of objects"
    case .jsonl: return "one JSON object a line"
    case .ids: return "one entry id a line"
    case .markdown: return "a Markdown table"
    }
  }
}

/// How to render: decided once from the terminal and the user's settings, then passed down.
public struct RenderOptions: Sendable, Equatable {
  /// Columns available (tables are fitted to it; text is wrapped to it).
  public var width: Int
  /// Whether ANSI colour and emphasis may be used.
  public var color: Bool
  /// Whether the output goes to a terminal: then untrusted text is always shown escaped, in every
  /// format, and `count by` draws bars.
  public var terminal: Bool

  public init(width: Int = 80, color: Bool = false, terminal: Bool = false) {
    self.width = width
    self.color = color
    self.terminal = terminal
  }

  /// Output for a pipe or file: no colour, no width limit that matters.
  public static let plain = RenderOptions(width: 80, color: false, terminal: false)
}
