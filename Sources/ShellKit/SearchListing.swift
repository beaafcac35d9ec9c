import QueryEngine
import Rendering
import SearchStore

/// Saved searches as a table: name, origin, matches (live), description, query. Searches with
/// parameters show no count, since they need arguments to run.
public struct SearchListing: Sendable {
  public let runner: QueryRunner
  public let catalog: SearchCatalog

  public init(runner: QueryRunner, catalog: SearchCatalog) {
    self.runner = runner
    self.catalog = catalog
  }

  public func table() -> ResultTable {
    let rows: [[Cell]] = catalog.searches.map { listed in
      let origin =
        listed.origin.rawValue + (listed.kb.map { " (\($0))" } ?? "")
        + (listed.shadowsShared ? " (shadows shared)" : "")
      return [
        .text(listed.name), .text(origin), count(listed.search.query),
        listed.search.description.map(Cell.text) ?? .null, .text(listed.search.query),
      ]
    }
    return .rows(
      columns: ["name", "origin", "matches", "description", "query"], rows: RowTable(rows))
  }

  /// How many entries a saved query matches now; null when it takes arguments or fails.
  func count(_ query: String) -> Cell {
    guard let outcome = try? runner.run(query, savedSearches: catalog) else { return .null }
    return .integer(outcome.result.matched)
  }
}
