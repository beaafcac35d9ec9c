/// The fixed query mix of the benchmark, in SafetyKB's language and as well-indexed SQL over the
/// database `SQLWriter` describes. Both return the same rows in the same order (ties aside):
/// id, kind, date and title, in title order, or by relevance for full text.
enum BenchmarkMix {
  static let columns = "e.id, e.kind, e.date, e.title"
  static let byTitle = "ORDER BY e.title COLLATE NOCASE, e.id"

  static func queries(_ vocabulary: SyntheticVocabulary) -> [(
    name: String, query: String, sql: String
  )] {
    let tag = vocabulary.tags[4]
    let other = vocabulary.tags[30]
    let office = "la-dcfs/regional"
    return [
      (
        "field", "tag:\(tag)",
        "SELECT \(columns) FROM entries e WHERE e.n IN "
          + "(SELECT entry FROM entry_tags WHERE tag = '\(tag)') \(byTitle);"
      ),
      (
        "boolean", "(tag:\(tag) OR tag:\(other)) -kind:lesson",
        "SELECT \(columns) FROM entries e WHERE e.n IN "
          + "(SELECT entry FROM entry_tags WHERE tag IN ('\(tag)', '\(other)')) "
          + "AND e.kind <> 'lesson' \(byTitle);"
      ),
      (
        "hierarchy", "office:\(office)",
        "SELECT \(columns) FROM entries e WHERE e.n IN "
          + "(SELECT entry FROM entry_offices WHERE path = '\(office)') \(byTitle);"
      ),
      ("word", "checklist", ranked("checklist")),
      ("phrase", "\"critical incident\"", ranked("\"critical incident\"")),
      ("prefix", "revie*", ranked("revie*")),
      (
        "best-match", "? \(question) | limit 10",
        ranked(question.split(separator: " ").joined(separator: " OR ")) + " LIMIT 10;"
      ),
      (
        "count-by", "kind:practice | count by office",
        "SELECT o.path, count(*) AS n FROM entry_offices o JOIN entries e ON e.n = o.entry "
          + "WHERE o.written = 1 AND e.kind = 'practice' GROUP BY o.path ORDER BY n DESC, o.path;"
      ),
    ]
  }

  /// The best-match question: eight words, as an analyst would ask it. Its SQL twin ORs the words
  /// and keeps the ten best by bm25, as a user of FTS5 would write it.
  static let question = "how do teams learn from child fatality reviews"

  static func ranked(_ match: String) -> String {
    "SELECT \(columns) FROM entry_text JOIN entries e ON e.n = entry_text.rowid "
      + "WHERE entry_text MATCH '\(match)' ORDER BY bm25(entry_text, 3.0, 2.0, 1.0), e.id"
      + (match.contains(" OR ") ? "" : ";")
  }

  /// `name<TAB>query<TAB>sql` lines.
  static func tsv(_ vocabulary: SyntheticVocabulary) -> String {
    queries(vocabulary).map { "\($0.name)\t\($0.query)\t\($0.sql)\n" }.joined()
  }
}
