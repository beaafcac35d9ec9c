import KnowledgeModel

/// Everything needed to answer queries fast, built once from a knowledge base and never changed.
/// Entries are numbered in `KnowledgeBase.entries` order.
///
/// This is the interface evaluation uses; how the parts are stored (in memory, or in an index
/// file read piece by piece) is `IndexParts`' concern.
public struct SearchIndex: Sendable {
  public let count: Int
  let parts: IndexParts
  /// What the index was built from, entry by entry, when known: what lets it be brought up to
  /// date later (`updated(_:to:)`). Read from an index file when first asked for.
  var documents = Memo<IndexDocuments?>(value: nil)

  /// Builds the index: in memory, or for a knowledge base of as many entries as its
  /// `spill` says, written to a scratch folder as it is built and read from there as an index
  /// cache is (`spilled`), so that it is never held whole.
  public init(_ knowledgeBase: KnowledgeBase) {
    if let spilled = Self.spilled(knowledgeBase) {
      self = spilled
      return
    }
    let progress = LoadProgress.shared
    progress.begin(.indexing, total: knowledgeBase.entries.count)
    defer { progress.end() }
    self = IndexBuilder.build(knowledgeBase.entries, progress: progress)
    documents = Memo(value: IndexDocuments(knowledgeBase))
  }

  init(count: Int, parts: IndexParts) {
    self.count = count
    self.parts = parts
  }

  /// Whether a part could not be read from the index file (cut short or changed under us): an
  /// answer computed meanwhile may be wrong, and the index must be built again.
  var isDamaged: Bool { parts.file?.damaged ?? false }

  var stems: [String: Int32] { parts.stems.get }
  func text(_ field: TextField) -> FieldPostings { parts.text[field.rawValue].get }
  /// A facet's postings, nil when no entry has a value for it.
  func facet(_ facet: Facet) -> ValuePostings? {
    parts.facets[facet]?.get.nonEmpty
  }
  var ids: ValuePostings { parts.ids.get }

  /// The distinct values of a facet, as first written, sorted by their lower-cased form (for
  /// completion: read from the index, where gathering them from the entries would decode every
  /// one).
  public func values(of facet: Facet) -> [String] {
    self.facet(facet)?.writtenValues ?? []
  }

  /// The distinct values of another front-matter key (lower-cased), as `values(of:)` gives
  /// them.
  public func values(ofKey key: String) -> [String] {
    extra(key.lowercased())?.writtenValues ?? []
  }
  var related: ValuePostings { parts.related.get }
  func extra(_ key: String) -> ValuePostings? { parts.extras[key]?.get.nonEmpty }
  var dateLower: [Int32] { parts.dateLower.get }
  var dateUpper: [Int32] { parts.dateUpper.get }
  var titleRank: [Int32] { parts.titleRank.get }
  var idRank: [Int32] { parts.idRank.get }
  var titleOrder: [Int32] { parts.titleOrder.get }
  /// Every entry's id, kind, date and title, for result tables.
  public var listing: Listing { parts.listing.get }
  var maxImpact: [Float] { parts.maxImpact.get }

  /// Entries in title-then-id order: their title ranks sorted by radix (a few passes over the
  /// hits, however many entries there are), then read back as entry numbers.
  func inTitleOrder(_ docs: [Int32]) -> [Int32] {
    let titleRank = self.titleRank
    if docs.count < 64 { return docs.sorted { titleRank[Int($0)] < titleRank[Int($1)] } }
    var ranks = docs.map { titleRank[Int($0)] }
    RadixSort.sort(&ranks, below: count)
    let titleOrder = self.titleOrder
    return ranks.map { titleOrder[Int($0)] }
  }

  /// The names of the other front-matter keys present in some entry.
  public var extraKeys: [String] { parts.extraKeys.get }

  /// The word numbers of indexed words beginning with `prefix` (folded, unstemmed).
  func words(withPrefix prefix: String) -> [Int32] {
    let words = parts.words.get
    let sortedWords = words.sorted
    var lo = 0
    var hi = sortedWords.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if sortedWords[mid] < prefix { lo = mid + 1 } else { hi = mid }
    }
    var out: [Int32] = []
    while lo < sortedWords.count, sortedWords[lo].hasPrefix(prefix) {
      out.append(words.numbers[lo])
      lo += 1
    }
    return out
  }
}

extension SearchIndex {
  /// The value postings behind a column, when it has them (facets, ids, related, other keys).
  func postings(for column: Column) -> ValuePostings? {
    switch column {
    case .tag: return facet(.tag)
    case .office: return facet(.office)
    case .outcome: return facet(.outcome)
    case .kind: return facet(.kind)
    case .id: return ids
    case .related: return related
    case .extra(let key): return extra(key)
    default: return nil
    }
  }
}
