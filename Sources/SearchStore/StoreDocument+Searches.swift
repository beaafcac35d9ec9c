import Foundation
import QueryEngine
import Yams

extension StoreDocument {
  /// The searches the document holds, in file order, and a problem for each entry skipped: one
  /// that is not a mapping, lacks a valid name or a query, repeats an earlier name, or whose query
  /// would run a command.
  func searches() -> (searches: [SavedSearch], problems: [StoreProblem]) {
    var found: [SavedSearch] = []
    var problems: [StoreProblem] = []
    var seen = Set<String>()
    for entry in entries {
      func skip(_ mark: Mark?, _ message: String) {
        problems.append(
          StoreProblem(
            path: path, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message,
            isFatal: false))
      }
      guard case .mapping(let fields) = entry else {
        skip(entry.mark, "expected a saved search (a mapping with 'name' and 'query')")
        continue
      }
      guard let name = fields["name"]?.scalar?.string, !name.isEmpty else {
        skip(entry.mark, "saved search without a 'name'; skipped")
        continue
      }
      let nameMark = fields["name"]?.mark
      if let refusal = SearchName.problem(name) {
        skip(nameMark, "\(refusal); skipped")
        continue
      }
      guard let query = fields["query"]?.scalar?.string,
        !query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
      else {
        skip(entry.mark, "saved search '\(name)' has no 'query'; skipped")
        continue
      }
      if ShellPipe.contains(query) {
        skip(
          fields["query"]?.mark,
          "saved search '\(name)' would run a command ('!' outside quotes); skipped")
        continue
      }
      guard seen.insert(name).inserted else {
        skip(nameMark, "a saved search named '\(name)' appears again; the first one is used")
        continue
      }
      found.append(
        SavedSearch(
          name: name, query: query, description: fields["description"]?.scalar?.string,
          created: fields["created"]?.scalar.flatMap { Timestamp.parse($0.string) },
          updated: fields["updated"]?.scalar.flatMap { Timestamp.parse($0.string) }))
    }
    return (found, problems)
  }
}
