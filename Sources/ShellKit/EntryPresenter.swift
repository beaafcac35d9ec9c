import KnowledgeModel
import Rendering

/// Turns entries into the plain values the renderers print: rows of cells for result tables and
/// whole views for `show`.
public struct EntryPresenter: Sendable {
  public let kb: KnowledgeBase
  /// Entry numbers by id, made when first asked for (a one-shot query never asks).
  private let byID: Memo<[String: Int]>

  public init(kb: KnowledgeBase) {
    self.kb = kb
    byID = Memo {
      var byID: [String: Int] = [:]
      for (i, id) in kb.entries.ids().enumerated() where byID[id] == nil { byID[id] = i }
      return byID
    }
  }

  /// Every entry's id, read without decoding the entries.
  public var ids: [String] { kb.entries.ids() }

  public func entry(id: String) -> Entry? {
    byID.get[id].map { kb.entries[$0] }
  }

  /// The entries an id names: the one with that id, or, when several knowledge bases hold it,
  /// each of them (`KB/ID`).
  public func entries(id: String) -> [Entry] {
    if let one = entry(id: id) { return [one] }
    return kb.members.compactMap { entry(id: $0 + "/" + id) }
  }

  /// Everything `show` prints about an entry; `similar` are the ids of entries found alike
  /// (`Searcher.mostSimilar`), listed apart from the curated links.
  public func view(_ entry: Entry, similar: [String] = []) -> EntryView {
    var fields: [(name: String, value: Cell)] = [
      ("kind", entry.kind.map(Cell.text) ?? .null),
      ("date", entry.dateText.map(Cell.text) ?? .null),
      ("tags", .list(entry.tags)), ("offices", .list(entry.offices)),
      ("outcomes", .list(entry.outcomes)),
    ]
    for (key, value) in entry.extra {
      switch value {
      case .text(let s): fields.append((key, .text(s)))
      case .list(let l): fields.append((key, .list(l)))
      }
    }
    fields.append(("file", .text(kb.displayPath(entry.path))))
    return EntryView(
      id: entry.id, title: entry.title, fields: fields, summary: entry.summary, body: entry.body,
      sources: entry.sources.map {
        EntryView.Source(title: $0.title, url: $0.url, date: $0.date, accessed: $0.accessed)
      },
      related: entry.related.map { EntryView.Related(id: $0, title: self.entry(id: $0)?.title) },
      similar: similar.map { EntryView.Related(id: $0, title: self.entry(id: $0)?.title) },
      path: kb.displayPath(entry.path))
  }

  /// `no entry has id 'x'; did you mean 'y'?`
  public func unknownID(_ id: String) -> String {
    "no entry has id '\(id)'" + Suggestion.didYouMean(id, in: ids, limit: 3)
  }
}
