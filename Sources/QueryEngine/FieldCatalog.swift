import KnowledgeModel

/// One built-in field: its names (the first is the canonical one), what a query term on it
/// means, which column it is in stages, and which names Tab offers.
public struct FieldInfo: Sendable {
  public let names: [String]
  let term: FieldName?
  public let column: Column?
  /// The names completion offers before `:` (plural synonyms are left out).
  public let offered: [String]

  init(_ names: [String], term: FieldName?, column: Column?, offered: [String]? = nil) {
    self.names = names
    self.term = term
    self.column = column
    self.offered = term == nil ? [] : offered ?? [names[0]]
  }
}

/// Every built-in field, once. The parser (`FieldName`), the stages (`Column`), completion and
/// help all read this table, so a field is added or renamed in one place.
public enum FieldCatalog {
  public static let all: [FieldInfo] = [
    FieldInfo(["tag", "tags"], term: .facet(.tag), column: .tag),
    FieldInfo(["office", "offices"], term: .facet(.office), column: .office),
    FieldInfo(["outcome", "outcomes"], term: .facet(.outcome), column: .outcome),
    FieldInfo(["kind"], term: .facet(.kind), column: .kind),
    FieldInfo(["id"], term: .id, column: .id),
    FieldInfo(["title"], term: .title, column: .title),
    FieldInfo(["body", "text"], term: .body, column: .body, offered: ["body", "text"]),
    FieldInfo(["source", "sources"], term: .source, column: .source),
    FieldInfo(["date"], term: .date, column: .date),
    FieldInfo(["year"], term: .date, column: .year),
    FieldInfo(["summary"], term: .summary, column: .summary),
    FieldInfo(["related"], term: .related, column: .related),
    FieldInfo(["similar"], term: .similar, column: nil),
    FieldInfo(["month"], term: nil, column: .month),
    FieldInfo(["path"], term: nil, column: .path),
    FieldInfo(["score", "relevance"], term: nil, column: .score),
    FieldInfo(["snippet"], term: nil, column: .snippet),
  ]

  /// The names a query term may use (`field:value`), and what each means.
  static let terms: [String: FieldName] = Dictionary(
    all.flatMap { info in info.term.map { term in info.names.map { ($0, term) } } ?? [] },
    uniquingKeysWith: { first, _ in first })

  /// The names a stage may use (`sort`, `count by`, `fields`), and the column each is.
  static let columns: [String: Column] = Dictionary(
    all.flatMap { info in info.column.map { column in info.names.map { ($0, column) } } ?? [] },
    uniquingKeysWith: { first, _ in first })

  /// The field names Tab offers in a query, before `:`.
  public static var offeredInQueries: [String] { all.flatMap(\.offered) }
}
