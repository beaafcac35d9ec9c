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

  static var builtIn: [String: FieldName] { FieldCatalog.terms }

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
