import KnowledgeModel

/// Everything needed to answer queries fast, built once from a knowledge base and never changed.
/// Entries are numbered in `KnowledgeBase.entries` order.
public struct SearchIndex: Sendable {
  public let count: Int
  /// Stem → stem number.
  let stems: [String: Int32]
  /// Folded words, sorted, with their word numbers, for prefixes.
  let sortedWords: [String]
  let sortedWordNumbers: [Int32]
  let text: [FieldPostings]
  let facets: [Facet: ValuePostings]
  let ids: ValuePostings
  let related: ValuePostings
  /// Other front-matter keys (lower-cased) → their values.
  let extras: [String: ValuePostings]
  /// First and last day each entry's date covers as `yyyymmdd`, 0 when undated.
  let dateLower: [Int32]
  let dateUpper: [Int32]
  /// Each entry's place when ordered by title, then id; and by id.
  let titleRank: [Int32]
  let idRank: [Int32]
  /// Entry numbers ordered by title, then id.
  let titleOrder: [Int32]
  /// Every entry's id, kind, date and title, for result tables.
  public let listing: Listing
  /// By stem number: the most any entry's weighted, length-normalised frequency of the stem in
  /// title, summary and body (BM25F's sum before saturation) reaches; a bound for top-k search.
  let maxImpact: [Float]

  /// Builds the index.
  public init(_ knowledgeBase: KnowledgeBase) {
    var builder = IndexBuilder(count: knowledgeBase.entries.count)
    for (n, entry) in knowledgeBase.entries.enumerated() { builder.add(entry, Int32(n)) }
    self = (consume builder).finish(knowledgeBase.entries)
  }

  init(
    count: Int, stems: [String: Int32], sortedWords: [String], sortedWordNumbers: [Int32],
    text: [FieldPostings], facets: [Facet: ValuePostings], ids: ValuePostings,
    related: ValuePostings, extras: [String: ValuePostings], dateLower: [Int32],
    dateUpper: [Int32], titleRank: [Int32], idRank: [Int32], listing: Listing,
    maxImpact: [Float]
  ) {
    self.count = count
    self.stems = stems
    self.sortedWords = sortedWords
    self.sortedWordNumbers = sortedWordNumbers
    self.text = text
    self.facets = facets
    self.ids = ids
    self.related = related
    self.extras = extras
    self.dateLower = dateLower
    self.dateUpper = dateUpper
    self.titleRank = titleRank
    self.idRank = idRank
    self.listing = listing
    self.maxImpact = maxImpact
    var order = [Int32](repeating: 0, count: titleRank.count)
    for (doc, rank) in titleRank.enumerated() { order[Int(rank)] = Int32(doc) }
    self.titleOrder = order
  }

  /// Entries in title-then-id order: their title ranks sorted by radix (a few passes over the
  /// hits, however many entries there are), then read back as entry numbers.
  func inTitleOrder(_ docs: [Int32]) -> [Int32] {
    if docs.count < 64 { return docs.sorted { titleRank[Int($0)] < titleRank[Int($1)] } }
    var ranks = docs.map { titleRank[Int($0)] }
    RadixSort.sort(&ranks, below: count)
    return ranks.map { titleOrder[Int($0)] }
  }

  /// The names of the other front-matter keys present in some entry.
  public var extraKeys: [String] { extras.keys.sorted() }

  /// The word numbers of indexed words beginning with `prefix` (folded, unstemmed).
  func words(withPrefix prefix: String) -> [Int32] {
    var lo = 0
    var hi = sortedWords.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if sortedWords[mid] < prefix { lo = mid + 1 } else { hi = mid }
    }
    var out: [Int32] = []
    while lo < sortedWords.count, sortedWords[lo].hasPrefix(prefix) {
      out.append(sortedWordNumbers[lo])
      lo += 1
    }
    return out
  }
}

extension SearchIndex {
  /// The value postings behind a column, when it has them (facets, ids, related, other keys).
  func postings(for column: Column) -> ValuePostings? {
    switch column {
    case .tag: return facets[.tag]
    case .office: return facets[.office]
    case .outcome: return facets[.outcome]
    case .kind: return facets[.kind]
    case .id: return ids
    case .related: return related
    case .extra(let key): return extras[key]
    default: return nil
    }
  }
}
