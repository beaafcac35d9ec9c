import Foundation
import KnowledgeModel

/// The query engine's one entry point: built once over a knowledge base, it parses, expands,
/// resolves, evaluates and ranks queries and runs their stages.
///
/// ```swift
/// let searcher = Searcher(knowledgeBase)
/// let result = try searcher.run("office:lancaster reviews | limit 5")
/// ```
public struct Searcher: Sendable {
  public let knowledgeBase: KnowledgeBase
  private let holder: IndexHolder
  /// The vocabulary's synonym groups and aliases, as full text reads them.
  let thesaurus: Thesaurus

  /// The index queries run on.
  public var index: SearchIndex { holder.index }

  /// A searcher whose index is built afresh and left nowhere: in memory, or for a large
  /// knowledge base in a scratch file unlinked as soon as it is open (`SearchIndex.init`).
  public init(_ knowledgeBase: KnowledgeBase) {
    self.init(knowledgeBase, index: SearchIndex(knowledgeBase))
  }

  /// A searcher whose index comes from the knowledge base's index file on disk when that was
  /// built from the same content (from `prefetched` when it was opened on another thread while
  /// the entries loaded), else is built and written there for next time. Without a cache (a
  /// knowledge base loaded with none), the same as `init(_:)`.
  public init(cachedFor knowledgeBase: KnowledgeBase, prefetched: IndexPrefetch? = nil) {
    self.init(knowledgeBase, index: SearchIndex.cached(knowledgeBase, prefetched: prefetched))
  }

  /// A searcher for a knowledge base reloaded in place (files added, edited or removed since
  /// `previous` was made): its index is the index `previous` is (or was brought up to date
  /// from), brought up to date entry by entry when the entries can be matched
  /// (`SearchIndex.updated(_:to:)`), else as `init(cachedFor:)` makes it.
  public init(updating previous: SearchIndex?, for knowledgeBase: KnowledgeBase) {
    self = Searcher(merging: previous, for: knowledgeBase) ?? Searcher(cachedFor: knowledgeBase)
  }

  /// `init(updating:for:)` when `previous` can be brought up to date entry by entry (a merge of
  /// the entries changed); nil when that would take building the index.
  public init?(merging previous: SearchIndex?, for knowledgeBase: KnowledgeBase) {
    guard let base = previous?.updatableBase,
      let index = SearchIndex.updated(base, to: knowledgeBase)
    else { return nil }
    self.init(knowledgeBase, index: index)
  }

  init(_ knowledgeBase: KnowledgeBase, index: SearchIndex) {
    self.knowledgeBase = knowledgeBase
    holder = IndexHolder(index)
    self.thesaurus = Thesaurus(knowledgeBase.vocabulary)
  }

  /// Runs `work` on the index; when a part of the index file could not be read meanwhile (cut
  /// short or changed under us), the answer is thrown away, the index is built afresh from the
  /// knowledge base (and written for next time), and `work` runs again on it.
  func onSoundIndex<T>(_ work: () throws(QueryError) -> T) throws(QueryError) -> T {
    let result = try work()
    guard index.isDamaged else { return result }
    holder.replace(with: SearchIndex.rebuilt(knowledgeBase, damaged: index.parts.file))
    return try work()
  }

  /// `onSoundIndex` for work that cannot fail (likeness, suggestions): an answer computed from a
  /// damaged index file is thrown away too.
  func soundly<T>(_ work: () -> T) -> T {
    let result = work()
    guard index.isDamaged else { return result }
    holder.replace(with: SearchIndex.rebuilt(knowledgeBase, damaged: index.parts.file))
    return work()
  }

  /// Runs a query.
  public func run(
    _ text: String, savedSearches: any SavedSearchProvider = NoSavedSearches(),
    lastQuery: String? = nil
  ) throws(QueryError) -> QueryResult {
    try onSoundIndex { () throws(QueryError) in
      let prepared = try prepare(text, savedSearches: savedSearches, lastQuery: lastQuery)
      return execute(prepared)
    }
  }

  /// A query read, expanded and resolved, ready to evaluate or explain.
  struct Prepared {
    var query: ParsedQuery
    var plan: Plan
    var stages: [ResolvedStage]
    var warnings: [QueryWarning]
    /// For a best-match query: its optional words and filters (`plan` is then the filter).
    var bestMatch: BestMatchPlan? = nil

    var choosesColumns: Bool {
      stages.contains { if case .fields = $0 { true } else { false } }
    }
  }

  func prepare(
    _ text: String, savedSearches: any SavedSearchProvider, lastQuery: String?,
    explaining: Bool = false
  ) throws(QueryError) -> Prepared {
    do {
      var parsed = try Parser.parse(text)
      if !parsed.bestMatch,
        let refined = refinesBestMatch(parsed, savedSearches: savedSearches, lastQuery: lastQuery)
      {
        parsed = refined
      }
      var resolver = Resolver(
        index: index, vocabulary: knowledgeBase.vocabulary, entries: knowledgeBase.entries,
        thesaurus: thesaurus,
        explaining: explaining)
      if parsed.bestMatch {
        return try prepareBestMatch(
          parsed, savedSearches: savedSearches, lastQuery: lastQuery, resolver: &resolver)
      }
      let expanded = try Expander(provider: savedSearches, lastQuery: lastQuery).expand(parsed)
      let plan = try expanded.expression.map { (e: Expr) throws(QueryError) in try resolver.plan(e)
      }
      let stages = try resolveStages(expanded.stages)
      return Prepared(
        query: expanded, plan: plan ?? .all, stages: stages, warnings: resolver.warnings)
    } catch {
      throw error.text.isEmpty ? error.with(text: text) : error
    }
  }

  func execute(_ prepared: Prepared) -> QueryResult {
    if let plan = prepared.bestMatch { return executeBestMatch(prepared, plan) }
    let docs = prepared.plan.evaluate(in: index)
    let terms = prepared.plan.positiveText()
    let likeness = prepared.plan.positiveLikeness()
    var hits: [Hit]
    if Searcher.orderIsIrrelevant(prepared.stages) {
      hits = docs.map { Hit(entry: Int($0)) }
    } else if !likeness.isEmpty {
      hits = Ranking(index: index).ranked(docs, terms: terms, likeness: likeness)
    } else if terms.isEmpty {
      hits = index.inTitleOrder(docs).map { Hit(entry: Int($0)) }
    } else {
      hits = Ranking(index: index).ranked(docs, terms: terms)
    }
    let output = runStages(prepared.stages, on: hits)
    return QueryResult(
      output: output, warnings: prepared.warnings, query: prepared.query, matched: docs.count,
      matchedWords: MatchedWords(terms), columnsChosen: prepared.choosesColumns)
  }

  /// Whether the stages count before anything that depends on order (a limit).
  static func orderIsIrrelevant(_ stages: [ResolvedStage]) -> Bool {
    for stage in stages {
      switch stage {
      case .count, .countBy: return true
      case .limit: return false
      case .sort, .fields: continue
      }
    }
    return false
  }

  /// The text of each column for a hit, multi-valued fields joined with `, `.
  public func cells(for hit: Hit, columns: [Column]) -> [String] {
    let entry = knowledgeBase.entries[hit.entry]
    return columns.map { column in
      if column == .score { return hit.score.map { String(format4: $0) } ?? "" }
      return column.values(of: entry).joined(separator: ", ")
    }
  }
}

/// The index a searcher uses, replaced by one built afresh when its file turns out damaged.
final class IndexHolder: @unchecked Sendable {
  private let lock = NSLock()
  private var current: SearchIndex

  init(_ index: SearchIndex) { current = index }

  var index: SearchIndex { lock.withLock { current } }

  func replace(with index: SearchIndex) { lock.withLock { current = index } }
}

extension String {
  init(format4 value: Double) {
    let scaled = (value * 10_000).rounded() / 10_000
    self = String(scaled)
  }
}
