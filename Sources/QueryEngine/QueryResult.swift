import KnowledgeModel
import Rendering

/// One matching entry.
public struct Hit: Hashable, Sendable {
  /// Index into `KnowledgeBase.entries`.
  public var entry: Int
  /// Relevance (BM25F) when the query had a positive full-text term.
  public var score: Double?

  public init(entry: Int, score: Double? = nil) {
    self.entry = entry
    self.score = score
  }
}

/// One row of `count by FIELD`.
/// What a query produces, as plain data for renderers.
public enum QueryOutput: Hashable, Sendable {
  case entries(hits: [Hit], columns: [Column])
  case count(Int)
  case facets(field: Column, rows: [FacetRow])
  /// `count by` a field of paths without a depth: the rows as written, and the same counts as a
  /// tree (each path with every entry at or below it, parents before their children) for the
  /// table format.
  case facetTree(field: Column, rows: [FacetRow], tree: [FacetRow])
  /// `count by F1, F2`: F1's values as rows, F2's as columns; `counts[r][c]` entries have both
  /// (0 where none has).
  case crossTab(
    rowField: Column, columnField: Column, rowValues: [String], columnValues: [String],
    counts: [[Int]])
}

/// The result of running a query.
public struct QueryResult: Hashable, Sendable {
  public var output: QueryOutput
  public var warnings: [QueryWarning]
  /// The query with saved searches expanded (its description is self-contained; pass it back as
  /// `lastQuery` for `@last`).
  public var query: ParsedQuery
  /// How many entries the expression matched before stages.
  public var matched: Int
  /// The words the query's full text matches, for snippets (empty when it has none).
  public var matchedWords = MatchedWords()
  /// Whether a `fields` stage chose the columns.
  public var columnsChosen = false

  /// Whether the entries are ranked by relevance (the query has a positive full-text word).
  public var isRanked: Bool { !matchedWords.isEmpty }

  /// Whether anything was found (the one-shot exit status: 0 when true, 1 when false).
  public var found: Bool { matched > 0 }
}
