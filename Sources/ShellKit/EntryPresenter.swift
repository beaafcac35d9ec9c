import KnowledgeModel
import Rendering

/// Turns entries into the plain values the renderers print: rows of cells for result tables and
/// whole views for `show`.
public struct EntryPresenter: Sendable {
  public let kb: KnowledgeBase
  private let byID: [String: Int]

  public init(kb: KnowledgeBase) {
    self.kb = kb
    var byID: [String: Int] = [:]
    for (i, entry) in kb.entries.enumerated() where byID[entry.id] == nil { byID[entry.id] = i }
    self.byID = byID
  }

  /// The columns of a result list when the query names none.
  public static let defaultColumns = ["id", "kind", "date", "title"]

  /// Columns every entry has, in addition to its other front-matter keys.
  public static let builtInColumns = [
    "id", "kind", "date", "title", "summary", "tags", "offices", "outcomes", "sources", "urls",
    "related", "path", "score",
  ]

  public func entry(id: String) -> Entry? {
    byID[id].map { kb.entries[$0] }
  }

  public var ids: [String] { kb.entries.map(\.id) }

  /// One cell of a result row. `score` is the relevance score when the query was ranked.
  public func cell(_ column: String, of entry: Entry, score: Double? = nil) -> Cell {
    switch column {
    case "id": return .text(entry.id)
    case "kind": return entry.kind.map(Cell.text) ?? .null
    case "date": return entry.dateText.map(Cell.text) ?? .null
    case "title": return .text(entry.title)
    case "summary": return entry.summary.map(Cell.text) ?? .null
    case "tags", "tag": return .list(entry.tags)
    case "offices", "office": return .list(entry.offices)
    case "outcomes", "outcome": return .list(entry.outcomes)
    case "sources", "source": return .list(entry.sources.map(\.title))
    case "urls", "url": return .list(entry.sources.compactMap(\.url))
    case "related": return .list(entry.related)
    case "path": return .text(kb.displayPath(entry.path))
    case "body", "text": return .text(entry.body)
    case "score": return score.map { .number(($0 * 1000).rounded() / 1000) } ?? .null
    default:
      switch entry.extraValues[column.lowercased()] {
      case .text(let s): return .text(s)
      case .list(let l): return .list(l)
      case nil: return .null
      }
    }
  }

  /// A result table of entries (by index into the knowledge base) with the given columns.
  public func table(_ hits: [(entry: Int, score: Double?)], columns: [String]) -> ResultTable {
    .rows(
      columns: columns,
      rows: hits.map { hit in columns.map { cell($0, of: kb.entries[hit.entry], score: hit.score) }
      })
  }

  /// Everything `show` prints about an entry.
  public func view(_ entry: Entry) -> EntryView {
    var fields: [(name: String, value: Cell)] = [
      ("kind", cell("kind", of: entry)), ("date", cell("date", of: entry)),
      ("tags", cell("tags", of: entry)), ("offices", cell("offices", of: entry)),
      ("outcomes", cell("outcomes", of: entry)),
    ]
    for key in entry.extraKeys { fields.append((key, cell(key, of: entry))) }
    fields.append(("file", .text(kb.displayPath(entry.path))))
    return EntryView(
      id: entry.id, title: entry.title, fields: fields, summary: entry.summary, body: entry.body,
      sources: entry.sources.map {
        EntryView.Source(title: $0.title, url: $0.url, date: $0.date, accessed: $0.accessed)
      },
      related: entry.related.map { EntryView.Related(id: $0, title: self.entry(id: $0)?.title) },
      path: kb.displayPath(entry.path))
  }

  /// `no entry has id 'x'; did you mean 'y'?`
  public func unknownID(_ id: String) -> String {
    "no entry has id '\(id)'" + Suggestion.didYouMean(id, in: ids, limit: 3)
  }
}
