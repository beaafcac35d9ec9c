import KnowledgeModel

/// The parts of a `SearchIndex`, each made or read the first time a query needs it. An index
/// just built has every part in memory; one opened from a file reads each part from its
/// sections when first asked (a field query never reads the text postings, a word query reads
/// the lists of its stems and nothing else of the text).
final class IndexParts: Sendable {
  struct Words: Sendable {
    /// Folded words, sorted, with their word numbers, for prefixes.
    var sorted: [String] = []
    var numbers: [Int32] = []
  }

  /// The file the parts are read from (nil for an index built in memory).
  let file: IndexFile?
  /// For an index brought up to date (`SearchIndex.updated`): the index on file it was made
  /// from.
  let base: SearchIndex?
  /// Stem → stem number.
  let stems: Memo<[String: Int32]>
  let words: Memo<Words>
  let text: [Memo<FieldPostings>]
  let facets: [Facet: Memo<ValuePostings>]
  let ids: Memo<ValuePostings>
  let related: Memo<ValuePostings>
  /// Other front-matter keys (lower-cased) → their values.
  let extras: [String: Memo<ValuePostings>]
  /// The keys of `extras` some entry has, sorted.
  let extraKeys: Memo<[String]>
  /// First and last day each entry's date covers as `yyyymmdd`, 0 when undated.
  let dateLower: Memo<[Int32]>
  let dateUpper: Memo<[Int32]>
  /// Each entry's place when ordered by title, then id; and by id.
  let titleRank: Memo<[Int32]>
  let idRank: Memo<[Int32]>
  /// Entry numbers ordered by title, then id.
  let titleOrder: Memo<[Int32]>
  let listing: Memo<Listing>
  /// By stem number: the most any entry's weighted, length-normalised frequency of the stem in
  /// title, summary and body (BM25F's sum before saturation) reaches; a bound for top-k search.
  let maxImpact: Memo<[Float]>

  init(
    file: IndexFile?, stems: Memo<[String: Int32]>, words: Memo<Words>,
    text: [Memo<FieldPostings>], facets: [Facet: Memo<ValuePostings>], ids: Memo<ValuePostings>,
    related: Memo<ValuePostings>, extras: [String: Memo<ValuePostings>],
    dateLower: Memo<[Int32]>, dateUpper: Memo<[Int32]>, titleRank: Memo<[Int32]>,
    idRank: Memo<[Int32]>, titleOrder: Memo<[Int32]>, listing: Memo<Listing>,
    maxImpact: Memo<[Float]>, extraKeys: Memo<[String]>? = nil, base: SearchIndex? = nil
  ) {
    self.file = file
    self.base = base
    self.stems = stems
    self.words = words
    self.text = text
    self.facets = facets
    self.ids = ids
    self.related = related
    self.extras = extras
    self.extraKeys = extraKeys ?? Memo(value: extras.keys.sorted())
    self.dateLower = dateLower
    self.dateUpper = dateUpper
    self.titleRank = titleRank
    self.idRank = idRank
    self.titleOrder = titleOrder
    self.listing = listing
    self.maxImpact = maxImpact
  }
}
