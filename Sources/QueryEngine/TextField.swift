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
}

/// Postings of a field of plain values (facets, kind, id, other front-matter keys): the values,
/// small enough to hold, and their lists of entries, which stay in the index file until a query
/// reads them.
struct ValuePostings: Sendable {
  /// Distinct values, lower-cased and sorted, for prefixes and ranges; value `i`'s entries are
  /// `exactLists[i]`.
  var sortedValues: [String] = []
  var exactLists = PostingLists()
  /// For paths: every path and each of its ancestors, sorted, and their entries.
  var pathNames: [String] = []
  var pathLists = PostingLists()
  /// For paths: every segment, sorted, and their entries.
  var segmentNames: [String] = []
  var segmentLists = PostingLists()
  /// The first spelling met of each lower-cased value whose spelling differs (`Supervision`).
  var spelling: [String: String] = [:]
  /// How many postings `exactLists` holds in all.
  var total = 0
  private var exactNumbers: [String: Int] = [:]
  private var pathNumbers: [String: Int] = [:]
  private var segmentNumbers: [String: Int] = [:]

  init() {}

  init(
    sortedValues: [String], exactLists: PostingLists, pathNames: [String],
    pathLists: PostingLists, segmentNames: [String], segmentLists: PostingLists,
    spelling: [String: String], total: Int
  ) {
    self.sortedValues = sortedValues
    self.exactLists = exactLists
    self.pathNames = pathNames
    self.pathLists = pathLists
    self.segmentNames = segmentNames
    self.segmentLists = segmentLists
    self.spelling = spelling
    self.total = total
    exactNumbers = Self.numbers(sortedValues)
    pathNumbers = Self.numbers(pathNames)
    segmentNumbers = Self.numbers(segmentNames)
  }

  private static func numbers(_ names: [String]) -> [String: Int] {
    var out: [String: Int] = [:]
    out.reserveCapacity(names.count)
    for (n, name) in names.enumerated() { out[name] = n }
    return out
  }

  /// These postings, or nil when they hold no value.
  var nonEmpty: ValuePostings? { sortedValues.isEmpty ? nil : self }

  /// The entries with this value (lower-cased), or nil when none has it.
  func exact(_ value: String) -> [Int32]? { exactNumbers[value].map { exactLists[$0].array } }
  func hasExact(_ value: String) -> Bool { exactNumbers[value] != nil }
  func hasPath(_ value: String) -> Bool { pathNumbers[value] != nil }
  func hasSegment(_ value: String) -> Bool { segmentNumbers[value] != nil }
  func path(_ value: String) -> [Int32]? { pathNumbers[value].map { pathLists[$0].array } }
  func segment(_ value: String) -> [Int32]? {
    segmentNumbers[value].map { segmentLists[$0].array }
  }

  /// Every value with its entries, read in one pass.
  func everyValue() -> [(value: String, entries: PostingLists.List)] {
    Array(zip(sortedValues, exactLists.all()))
  }

  /// For paths: every path and ancestor with its entries, read in one pass.
  func everyPath() -> [(path: String, entries: PostingLists.List)] {
    Array(zip(pathNames, pathLists.all()))
  }

  /// Builds value postings entry by entry, in entry order.
  struct Builder {
    var exact: [String: [Int32]] = [:]
    var paths: [String: [Int32]] = [:]
    var segments: [String: [Int32]] = [:]
    var spelling: [String: String] = [:]
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

    /// Adds the values of entries after those already added.
    mutating func absorb(_ other: Builder) {
      for (value, docs) in other.exact { exact[value, default: []] += docs }
      for (path, docs) in other.paths { paths[path, default: []] += docs }
      for (segment, docs) in other.segments { segments[segment, default: []] += docs }
      spelling.merge(other.spelling) { first, _ in first }
      total += other.total
    }

    func finish() -> ValuePostings {
      func packed(_ map: [String: [Int32]]) -> ([String], PostingLists) {
        let names = map.keys.sorted()
        var lists = PostingLists.Filling(counts: names.map { Int32(map[$0]!.count) })
        for (n, name) in names.enumerated() { for d in map[name]! { lists.append(d, to: n) } }
        return (names, lists.lists)
      }
      let (values, exactLists) = packed(exact)
      let (pathNames, pathLists) = packed(paths)
      let (segmentNames, segmentLists) = packed(segments)
      return ValuePostings(
        sortedValues: values, exactLists: exactLists, pathNames: pathNames, pathLists: pathLists,
        segmentNames: segmentNames, segmentLists: segmentLists, spelling: spelling, total: total)
    }
  }

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
