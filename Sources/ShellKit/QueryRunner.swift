import KnowledgeModel
import QueryEngine
import Rendering

/// Runs a query and turns its result into a result table. Shared by `safetykb query`, the shell
/// and `searches run`, so that all three print the same thing.
public struct QueryRunner: Sendable {
  public let searcher: Searcher

  public init(searcher: Searcher) {
    self.searcher = searcher
  }

  /// The outcome of one query: the table to render, the engine's result, and its warnings
  /// rendered with the query and a caret.
  public struct Outcome: Sendable {
    public var table: ResultTable
    public var result: QueryResult
    public var warnings: [String]
  }

  /// Runs a query. `snippets` adds, for a ranked query without a `fields` stage, each entry's
  /// snippet as a line under its row (for the table format).
  public func run(
    _ text: String, savedSearches: some SavedSearchProvider = NoSavedSearches(),
    lastQuery: String? = nil, snippets: Bool = false
  ) throws(QueryError) -> Outcome {
    let result = try searcher.run(text, savedSearches: savedSearches, lastQuery: lastQuery)
    return Outcome(
      table: table(for: result, snippets: snippets), result: result,
      warnings: result.warnings.map { $0.rendered(in: text) })
  }

  /// For a query that found nothing, the nearest query that finds something (see
  /// `Searcher.suggestion`).
  public func suggestion(
    for text: String, savedSearches: some SavedSearchProvider = NoSavedSearches(),
    lastQuery: String? = nil
  ) -> QuerySuggestion? {
    searcher.suggestion(for: text, savedSearches: savedSearches, lastQuery: lastQuery)
  }

  public func explain(
    _ text: String, savedSearches: some SavedSearchProvider = NoSavedSearches(),
    lastQuery: String? = nil
  ) throws(QueryError) -> String {
    try searcher.explain(text, savedSearches: savedSearches, lastQuery: lastQuery)
  }

  /// The table for a result: entries with their columns, a count, or facet rows.
  public func table(for result: QueryResult, snippets: Bool = false) -> ResultTable {
    switch result.output {
    case .count(let n):
      return .count(n)
    case .facets(let field, let rows):
      return .facets(field: field.description, rows: rows)
    case .facetTree(let field, let rows, let tree):
      return .facetTree(
        field: field.description, rows: rows, tree: tree)
    case .crossTab(let rowField, let columnField, let rowValues, let columnValues, let counts):
      return .crossTab(
        CrossTab(
          rowField: rowField.description, columnField: columnField.description,
          rowValues: rowValues, columnValues: columnValues, counts: counts))
    case .entries(let hits, let columns):
      var table = rows(hits, columns, result.matchedWords)
      if snippets, result.isRanked, !result.columnsChosen {
        table.details = hits.map { snippet($0, result.matchedWords) }
      }
      return .rows(columns: columns.map(\.description), rows: table)
    }
  }

  /// An entry's snippet for a query's words, as a marked cell.
  func snippet(_ hit: Hit, _ words: MatchedWords) -> Cell {
    let s = searcher.snippet(for: hit.entry, matching: words)
    return .marked(s.text, s.matches)
  }

  /// The rows of a result. Ids, kinds, dates and titles point into the index's listing (no
  /// string is copied); other columns read each entry's field in place through a buffer pointer,
  /// instead of copying (and retaining every field of) the whole entry for each cell.
  func rows(_ hits: [Hit], _ columns: [Column], _ words: MatchedWords = MatchedWords()) -> RowTable
  {
    let listing = searcher.index.listing
    let listed = columns.map(Self.listingField)
    var rows = RowTable(width: columns.count, sharing: listing.bytes, capacity: hits.count)
    let entries = searcher.knowledgeBase.entries
    do {
      for hit in hits {
        for c in columns.indices {
          if let field = listed[c] {
            switch listing.span(hit.entry, field) {
            case .text(let start, let count, let plain):
              rows.appendShared(start: start, count: count, plain: plain)
              continue
            case .absent:
              rows.append(.null)
              continue
            case .unlisted:
              break
            }
          }
          if columns[c] == .snippet {
            rows.append(snippet(hit, words))
            continue
          }
          rows.append(Self.cell(columns[c], entries[hit.entry], score: hit.score))
        }
      }
    }
    return rows
  }

  static func listingField(_ column: Column) -> Listing.Field? {
    switch column {
    case .id: return .id
    case .kind: return .kind
    case .date: return .date
    case .title: return .title
    default: return nil
    }
  }

  static func cell(_ column: Column, _ entry: borrowing Entry, score: Double?) -> Cell {
    switch column {
    case .score:
      return score.map { .number(($0 * 10_000).rounded() / 10_000) } ?? .null
    case .id:
      return .text(entry.id)
    case .title:
      return .text(entry.title)
    case .kind:
      return entry.kind.map(Cell.text) ?? .null
    case .date:
      return entry.dateText.map(Cell.text) ?? .null
    case .tag, .office, .outcome, .source, .related:
      return .list(column.values(of: entry))
    case .extra(let key):
      switch entry.extraValues[key] {
      case .list(let l): return .list(l)
      case .text(let s): return .text(s)
      case nil: return .null
      }
    default:
      return column.values(of: entry).first.map(Cell.text) ?? .null
    }
  }
}
