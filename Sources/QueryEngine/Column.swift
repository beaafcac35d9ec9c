import KnowledgeModel

/// A field as used by stages: a column to show, a key to sort by, or values to count.
public enum Column: Hashable, Sendable, CustomStringConvertible {
  case id, kind, date, year, month, title, summary, body, tag, office, outcome, source, related,
    path, score, snippet
  case extra(String)

  /// The columns shown when a query has no `fields` stage.
  public static let defaults: [Column] = [.id, .kind, .date, .title]

  static var builtIn: [String: Column] { FieldCatalog.columns }

  /// Resolves a name case-insensitively: built-in names first, then front-matter keys.
  static func named(_ name: String, extraKeys: Set<String>) -> Column? {
    let lower = name.lowercased()
    if let c = builtIn[lower] { return c }
    return extraKeys.contains(lower) ? .extra(lower) : nil
  }

  /// What `fields *` selects: every field of an entry as it is stored (not the derived `year`,
  /// `month` and `score`), then the other front-matter keys in name order.
  static func every(extraKeys: Set<String>) -> [Column] {
    [.id, .kind, .date, .title, .summary, .tag, .office, .outcome, .related, .source, .path, .body]
      + extraKeys.sorted().map(Column.extra)
  }

  static func names(extraKeys: Set<String>) -> [String] {
    builtIn.keys.sorted() + extraKeys.sorted()
  }

  /// The canonical name, used as the column header.
  public var description: String {
    switch self {
    case .id: return "id"
    case .kind: return "kind"
    case .date: return "date"
    case .year: return "year"
    case .month: return "month"
    case .title: return "title"
    case .summary: return "summary"
    case .body: return "body"
    case .tag: return "tag"
    case .office: return "office"
    case .outcome: return "outcome"
    case .source: return "source"
    case .related: return "related"
    case .path: return "path"
    case .score: return "score"
    case .snippet: return "snippet"
    case .extra(let key): return key
    }
  }

  /// Whether the column is a date counted as a timeline (`count by date|year|month`).
  var isTime: Bool { self == .date || self == .year || self == .month }

  /// Whether the values are `/`-separated paths.
  var isHierarchical: Bool { self == .tag || self == .office || self == .outcome }

  /// Whether an entry has at most one value (so the column can be a sort key).
  var isScalar: Bool {
    switch self {
    case .tag, .office, .outcome, .source, .related, .body, .snippet: return false
    default: return true
    }
  }

  /// The entry's values for this column, as written.
  public func values(of entry: Entry) -> [String] {
    switch self {
    case .id: return [entry.id]
    case .kind: return entry.kind.map { [$0] } ?? []
    case .date: return entry.dateText.map { [$0] } ?? []
    case .year: return entry.date.map { [String($0.year)] } ?? []
    case .month:
      return entry.date.flatMap { d in
        d.month.map { [AxisKeys.label(slot: d.year * 100 + $0, monthly: true)] }
      } ?? []
    case .title: return [entry.title]
    case .summary: return entry.summary.map { [$0] } ?? []
    case .body: return [entry.body]
    case .tag: return entry.tags
    case .office: return entry.offices
    case .outcome: return entry.outcomes
    case .source: return entry.sources.map { s in s.url.map { "\(s.title) <\($0)>" } ?? s.title }
    case .related: return entry.related
    case .path: return [entry.path]
    case .score, .snippet: return []
    case .extra(let key): return entry.extraValues[key]?.values ?? []
    }
  }
}
