import Foundation
import KnowledgeModel
import QueryEngine

/// A handout of a result list for a lessons-learned briefing: its title, date, the query in plain
/// words (what `explain` says), a short table of contents, then each entry's title, kind, date,
/// summary, its "What to do" (lesson), "In practice" (principle) or "How it is done" (practice)
/// section where it has one, and its sources with their addresses. Markdown is the source form;
/// `html` renders it through cmark-gfm in safe mode.
///
/// ```swift
/// let briefing = try Briefing(query: "tag:staff-support-after-incident", searcher: searcher)
/// let page = briefing.render(as: .html)
/// ```
public struct Briefing: Sendable {
  public enum Format: String, CaseIterable, Sendable {
    case markdown, html
  }

  /// One entry of the handout, as plain values.
  public struct Item: Sendable {
    public var id: String
    public var title: String
    public var kind: String?
    public var date: String?
    public var summary: String?
    /// The section that says what to do, with its heading as written.
    public var section: (heading: String, markdown: String)?
    public var sources: [SourceReference]
  }

  /// The headings of the sections a handout quotes, the first found in a body.
  public static let sectionHeadings = ["What to do", "In practice", "How it is done"]
  public static let defaultTitle = "Lessons-learned briefing"

  public var title: String
  /// `YYYY-MM-DD`.
  public var date: String
  public var query: String
  /// `explain`'s account of the query.
  public var explanation: String
  public var items: [Item]

  /// Runs `query` and gathers its entries. A query whose stages make counts instead of a list of
  /// entries is an error.
  public init(
    query: String, title: String? = nil, date: String = Briefing.today(), searcher: Searcher,
    savedSearches: any SavedSearchProvider = NoSavedSearches(), lastQuery: String? = nil
  ) throws(QueryError) {
    let result = try searcher.run(query, savedSearches: savedSearches, lastQuery: lastQuery)
    guard case .entries(let hits, _) = result.output else {
      throw QueryError(.notAListOfEntries, at: 0..<query.count, in: query)
    }
    self.title = title.map(\.trimmingSpaces).flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultTitle
    self.date = date
    self.query = query
    self.explanation = try searcher.explain(
      query, savedSearches: savedSearches, lastQuery: lastQuery)
    self.items = hits.map { hit in
      let entry = searcher.knowledgeBase.entries[hit.entry]
      return Item(
        id: entry.id, title: entry.title, kind: entry.kind, date: entry.dateText,
        summary: entry.summary, section: CommonMark.section(Self.sectionHeadings, in: entry.body),
        sources: entry.sources)
    }
  }

  public func render(as format: Format) -> String {
    switch format {
    case .markdown: return markdown
    case .html: return html
    }
  }

  /// Today's date in the local time zone, `YYYY-MM-DD`.
  public static func today() -> String {
    let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
    func pad(_ n: Int?, _ width: Int) -> String {
      let s = String(n ?? 0)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return pad(parts.year, 4) + "-" + pad(parts.month, 2) + "-" + pad(parts.day, 2)
  }
}
