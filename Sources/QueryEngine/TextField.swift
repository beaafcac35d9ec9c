/// The parts of an entry that full text searches.
enum TextField: Int, CaseIterable, Sendable {
  case title = 0
  case summary = 1
  case body = 2
  case source = 3

  /// What a bare word searches.
  static let standard: [TextField] = [.title, .summary, .body]

  /// BM25F weights: a title hit counts three times a body hit.
  var weight: Double {
    switch self {
    case .title: return 3
    case .summary: return 2
    case .body, .source: return 1
    }
  }

  var name: String {
    switch self {
    case .title: return "title"
    case .summary: return "summary"
    case .body: return "body"
    case .source: return "source"
    }
  }
}

/// The positional postings of one text field.
struct FieldPostings: Sendable {
  /// By stem number: the entries containing the stem, sorted.
  var docs = PostingLists()
  /// By stem number: where each entry's positions begin in its list of `positions` (one more
  /// than `docs`).
  var starts = PostingLists()
  /// By stem number: word positions, grouped by entry.
  var positions = PostingLists()
  /// By word number (unstemmed): the entries containing the word, for prefixes.
  var wordDocs = PostingLists()
  /// Words in each entry's field.
  var lengths: [Int32] = []
  var totalLength = 0

  var averageLength: Double {
    lengths.isEmpty ? 0 : max(1, Double(totalLength) / Double(lengths.count))
  }

  /// The number of times stem `s` occurs in entry number `k` of its list.
  func frequency(stem s: Int, at k: Int) -> Int {
    Int(starts.element(s, k + 1) - starts.element(s, k))
  }
}

/// Postings of a field of plain values (facets, kind, id, other front-matter keys).
struct ValuePostings: Sendable {
  /// Lower-cased value as written → entries.
  var exact: [String: [Int32]] = [:]
  /// For paths: every path and each of its ancestors → entries.
  var paths: [String: [Int32]] = [:]
  /// For paths: every segment → entries.
  var segments: [String: [Int32]] = [:]
  /// Distinct values, lower-cased and sorted, for prefixes and ranges.
  var sortedValues: [String] = []
  /// The first spelling met of each lower-cased value whose spelling differs (`Supervision`).
  var spelling: [String: String] = [:]
  /// How many postings `exact` holds in all.
  var total = 0

  mutating func add(_ raw: String, doc: Int32, hierarchical: Bool) {
    let value = raw.lowercased()
    if value != raw, spelling[value] == nil { spelling[value] = raw }
    if exact[value]?.last != doc { total += 1 }
    Postings.add(doc, to: &exact[value, default: []])
    guard hierarchical else { return }
    var path = ""
    for segment in value.split(separator: "/", omittingEmptySubsequences: false) {
      path = path.isEmpty ? String(segment) : path + "/" + segment
      Postings.add(doc, to: &paths[path, default: []])
      Postings.add(doc, to: &segments[String(segment), default: []])
    }
  }

  mutating func finish() { sortedValues = exact.keys.sorted() }

  /// The values beginning with `prefix`, by binary search.
  func values(withPrefix prefix: String) -> ArraySlice<String> {
    var lo = 0
    var hi = sortedValues.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if sortedValues[mid] < prefix { lo = mid + 1 } else { hi = mid }
    }
    var end = lo
    while end < sortedValues.count, sortedValues[end].hasPrefix(prefix) { end += 1 }
    return sortedValues[lo..<end]
  }
}
