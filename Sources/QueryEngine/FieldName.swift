import KnowledgeModel

/// The fields a term can name, with their synonyms.
enum FieldName: Hashable, Sendable {
  case facet(Facet)
  case id
  case title
  case summary
  case body
  case source
  case date
  case related
  /// `similar:ID`: entries like entry ID.
  case similar
  case extra(String)

  static let builtIn: [String: FieldName] = [
    "tag": .facet(.tag), "tags": .facet(.tag), "office": .facet(.office),
    "offices": .facet(.office), "outcome": .facet(.outcome), "outcomes": .facet(.outcome),
    "kind": .facet(.kind), "id": .id, "title": .title, "summary": .summary, "body": .body,
    "text": .body, "source": .source, "sources": .source, "date": .date, "year": .date,
    "related": .related, "similar": .similar,
  ]

  /// Resolves a field name case-insensitively: built-in names first, then front-matter keys.
  static func named(_ name: String, extraKeys: Set<String>) -> FieldName? {
    let lower = name.lowercased()
    if let f = builtIn[lower] { return f }
    return extraKeys.contains(lower) ? .extra(lower) : nil
  }

  static func unknown(_ name: String, extraKeys: Set<String>, at range: Range<Int>) -> QueryError {
    let candidates = builtIn.keys.sorted() + extraKeys.sorted()
    return QueryError(
      .unknownField(name, nearest: Suggestion.nearest(name, in: candidates)), at: range)
  }
}
