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

  /// Every value, in the spelling first met.
  var writtenValues: [String] { sortedValues.map { spelling[$0] ?? $0 } }

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
  ///
  /// Values are numbered as they are met, each number with its list. A hierarchical value met
  /// again (most are: a knowledge base has few tags and offices, used over and over) costs one
  /// lookup of the value as written, which gives the numbers of its lower-cased value, its paths
  /// and its segments; only a value met for the first time is lower-cased and split.
  struct Builder {
    private var exact = NamedLists()
    private var paths = NamedLists()
    private var segments = NamedLists()
    /// The first spelling met of each lower-cased value whose spelling differs.
    private(set) var spelling: [String: String] = [:]
    /// How many postings the exact lists hold in all.
    private(set) var total = 0
    /// By hierarchical value as written: the number of its lower-cased value, then of each path
    /// and segment in turn, as the first meeting split it.
    private var known: [String: [Int32]] = [:]

    mutating func add(_ raw: String, doc: Int32, hierarchical: Bool) {
      guard hierarchical else {
        if exact.add(doc, to: number(of: Self.lowercased(raw), raw: raw)) { total += 1 }
        return
      }
      let numbers: [Int32]
      if let seen = known[raw] {
        numbers = seen
      } else {
        numbers = split(raw)
        known[raw] = numbers
      }
      if exact.add(doc, to: numbers[0]) { total += 1 }
      var k = 1
      while k < numbers.count {
        paths.add(doc, to: numbers[k])
        segments.add(doc, to: numbers[k + 1])
        k += 2
      }
    }

    /// The number of `value`, `raw` lower-cased, noting `raw`'s spelling when that differs.
    private mutating func number(of value: String, raw: String) -> Int32 {
      if value != raw, spelling[value] == nil { spelling[value] = raw }
      return exact.number(value)
    }

    /// The numbers of a hierarchical value met for the first time: its lower-cased value, then
    /// each path and segment (`a`, `a`, `a/b`, `b`, …; a path never begins with the separator).
    private mutating func split(_ raw: String) -> [Int32] {
      let value = Self.lowercased(raw)
      var numbers = [number(of: value, raw: raw)]
      var path = ""
      for segment in value.split(separator: "/", omittingEmptySubsequences: false) {
        path = path.isEmpty ? String(segment) : path + "/" + segment
        numbers.append(paths.number(path))
        numbers.append(segments.number(String(segment)))
      }
      return numbers
    }

    /// `raw` lower-cased; itself, with no copy, when it is ASCII with no capital.
    private static func lowercased(_ raw: String) -> String {
      raw.utf8.allSatisfy { $0 < 0x41 || ($0 > 0x5A && $0 < 0x80) } ? raw : raw.lowercased()
    }

    /// Adds the values of entries after those already added.
    mutating func absorb(_ other: Builder) {
      exact.absorb(other.exact)
      paths.absorb(other.paths)
      segments.absorb(other.segments)
      spelling.merge(other.spelling) { first, _ in first }
      total += other.total
    }

    func finish() -> ValuePostings {
      let (values, exactLists) = exact.packed()
      let (pathNames, pathLists) = paths.packed()
      let (segmentNames, segmentLists) = segments.packed()
      return ValuePostings(
        sortedValues: values, exactLists: exactLists, pathNames: pathNames, pathLists: pathLists,
        segmentNames: segmentNames, segmentLists: segmentLists, spelling: spelling, total: total)
    }
  }

  /// Names numbered in the order met, each with its entries (in entry order).
  private struct NamedLists {
    private(set) var names: [String] = []
    private var numbers: [String: Int32] = [:]
    private var lists: [[Int32]] = []

    /// The number of `name`, numbered now when it is new.
    mutating func number(_ name: String) -> Int32 {
      if let n = numbers[name] { return n }
      let n = Int32(names.count)
      numbers[name] = n
      names.append(name)
      lists.append([])
      return n
    }

    /// Adds `doc` to list `n` unless it ends with it; whether it was added.
    @discardableResult
    mutating func add(_ doc: Int32, to n: Int32) -> Bool {
      guard lists[Int(n)].last != doc else { return false }
      lists[Int(n)].append(doc)
      return true
    }

    /// Adds the lists of entries after those already added.
    mutating func absorb(_ other: NamedLists) {
      for (k, name) in other.names.enumerated() { lists[Int(number(name))] += other.lists[k] }
    }

    /// The names sorted, with their lists in that order.
    func packed() -> ([String], PostingLists) {
      let order = names.indices.sorted { names[$0] < names[$1] }
      var filling = PostingLists.Filling(counts: order.map { Int32(lists[$0].count) })
      for (n, k) in order.enumerated() { for d in lists[k] { filling.append(d, to: n) } }
      return (order.map { names[$0] }, filling.lists)
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
