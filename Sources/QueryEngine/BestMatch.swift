import KnowledgeModel

/// A best-match query after resolution: its free-text words as optional clauses (each a leaf
/// that would match on its own), the function words left out, and the filters every result
/// must pass.
struct BestMatchPlan: Sendable {
  /// One optional word or phrase, as written and as resolved.
  struct Word: Sendable {
    var written: String
    var leaf: Leaf
  }

  var words: [Word]
  /// Function words left out, as written.
  var dropped: [String]
  /// Words respelt because no entry has them: (as written, as searched).
  var respelt: [(String, String)]
  /// The filters (field terms, NOT, `@saved`, groups, prefixes); nil when there are none.
  var filter: Plan?
}

/// Top-k retrieval for best-match queries: MaxScore over the optional clauses (Turtle and Flood,
/// as Lucene and tantivy use it), entry after entry. Clauses are sorted by the most they can add;
/// once the k-th best score so far is above what the weakest clauses can add together, entries
/// found only in those clauses are never looked at, and the others stop being scored as soon as
/// what remains cannot lift them into the top k.
///
/// An entry's score is the sum of its clauses' BM25F scores, plus a nearness bonus for each pair
/// of neighbouring query words found close together (`Nearness`).
struct BestMatch {
  let index: SearchIndex
  let clauses: [Clause]
  /// Entries every result must be in (the filters), as a bitset; nil for no filter.
  let filter: [UInt64]?

  /// The top `k` entries (all when nil), best first, ties by id; and how many entries match.
  func run(k: Int?) -> (hits: [Hit], matched: Int) {
    var visited = 0
    return run(k: k, visited: &visited)
  }

  /// The same, counting the entries looked at (scored on at least one clause).
  func run(k: Int?, visited: inout Int) -> (hits: [Hit], matched: Int) {
    let n = clauses.count
    guard n > 0 else { return ([], 0) }
    let matched = countMatches()
    if k == 0 { return ([], matched) }
    let hits = ClauseScorer.with(index: index, clauses: clauses) { scorer in
      topK(k, &scorer, &visited)
    }
    return (hits, matched)
  }

  private func topK(_ k: Int?, _ scorer: inout ClauseScorer, _ visited: inout Int) -> [Hit] {
    let n = clauses.count
    let nearness = Nearness(index: index, clauses: clauses)
    // Clauses by the most they can add, least first. An entry found only by clauses
    // `order[0...i]` can score at most `reach[i]`: their bounds, plus the nearness bonus of the
    // pairs among them. `lift[i]` is what clauses `order[0...i]` can still add to an entry found
    // by stronger ones (their bounds and any nearness bonus).
    let order = (0..<n).sorted { clauses[$0].bound < clauses[$1].bound }
    var reach = [Double](repeating: 0, count: n)
    var lift = [Double](repeating: 0, count: n)
    var inSet = [Bool](repeating: false, count: n)
    var sum = 0.0
    var near = 0.0
    for i in 0..<n {
      let c = order[i]
      sum += clauses[c].bound
      inSet[c] = true
      if c > 0, inSet[c - 1] { near += nearness.pairBound(c - 1) }
      if c + 1 < n, inSet[c + 1] { near += nearness.pairBound(c) }
      reach[i] = sum + near
      lift[i] = sum + nearness.bound
    }
    // Every clause's entries in one flat array: clause c's are `flat[place[c] ..< end[c]]`, and
    // `place[c]` moves along as entries are visited (no array is retained per entry).
    var flat: [Int32] = []
    var place = [Int](repeating: 0, count: n)
    var end = [Int](repeating: 0, count: n)
    for c in 0..<n {
      place[c] = flat.count
      flat += clauses[c].docs
      end[c] = flat.count
    }
    var top = TopHits(k: k, idRank: index.idRank)
    var essential = 0
    var matchedClauses: [Int] = []
    // Each clause's part of the current entry's score, summed in clause order at the end, so a
    // score is the same to the last bit however the clauses were visited.
    var parts = [Double](repeating: 0, count: n)
    while true {
      // The next entry: the smallest one any essential clause has.
      var doc = Int32.max
      for i in essential..<n {
        let c = order[i]
        if place[c] < end[c], flat[place[c]] < doc { doc = flat[place[c]] }
      }
      if doc == Int32.max { break }
      var score = 0.0
      matchedClauses.removeAll(keepingCapacity: true)
      let passes = filter.map { $0[Int(doc) >> 6] & (1 << UInt64(doc & 63)) != 0 } ?? true
      for i in essential..<n {
        let c = order[i]
        if place[c] < end[c], flat[place[c]] == doc {
          place[c] += 1
          if passes {
            parts[c] = scorer.score(c, doc)
            score += parts[c]
            matchedClauses.append(c)
          }
        }
      }
      guard passes else { continue }
      visited += 1
      // The weaker clauses, strongest first, while they can still lift the entry into the top.
      var i = essential - 1
      while i >= 0 {
        if top.isFull, score + lift[i] < top.threshold { break }
        let c = order[i]
        place[c] = ClauseScorer.advance(flat[..<end[c]], from: place[c], to: doc)
        if place[c] < end[c], flat[place[c]] == doc {
          parts[c] = scorer.score(c, doc)
          score += parts[c]
          matchedClauses.append(c)
        }
        i -= 1
      }
      if i >= 0 { continue }
      matchedClauses.sort()
      score = 0
      for c in matchedClauses { score += parts[c] }
      if matchedClauses.count > 1, !top.isFull || score + nearness.bound >= top.threshold {
        score += nearness.bonus(doc, matchedClauses)
      }
      top.offer(doc, score)
      if top.isFull {
        while essential < n, reach[essential] < top.threshold { essential += 1 }
      }
    }
    return top.sorted()
  }

  /// How many entries match any clause and pass the filter.
  func countMatches() -> Int {
    var bits = [UInt64](repeating: 0, count: (index.count + 63) / 64)
    for clause in clauses { for d in clause.docs { bits[Int(d) >> 6] |= 1 << UInt64(d & 63) } }
    var total = 0
    for w in bits.indices {
      total += (filter.map { bits[w] & $0[w] } ?? bits[w]).nonzeroBitCount
    }
    return total
  }
}

/// The k best entries so far: a binary heap whose root is the worst of them (lowest score, then
/// highest id rank). Unbounded when k is nil.
struct TopHits {
  let k: Int?
  let idRank: [Int32]
  private var heap: [(score: Double, doc: Int32)] = []

  init(k: Int?, idRank: [Int32]) {
    self.k = k
    self.idRank = idRank
  }

  var isFull: Bool { k.map { heap.count >= $0 } ?? false }
  /// The score an entry must reach to enter (meaningful when full).
  var threshold: Double { heap.first?.score ?? -.infinity }

  /// Whether `a` ranks below `b`.
  private func worse(_ a: (score: Double, doc: Int32), _ b: (score: Double, doc: Int32)) -> Bool {
    a.score < b.score || (a.score == b.score && idRank[Int(a.doc)] > idRank[Int(b.doc)])
  }

  mutating func offer(_ doc: Int32, _ score: Double) {
    let item = (score: score, doc: doc)
    guard let k else {
      heap.append(item)
      return
    }
    if heap.count < k {
      heap.append(item)
      var i = heap.count - 1
      while i > 0 {
        let parent = (i - 1) / 2
        guard worse(heap[i], heap[parent]) else { break }
        heap.swapAt(i, parent)
        i = parent
      }
      return
    }
    guard worse(heap[0], item) else { return }
    heap[0] = item
    var i = 0
    while true {
      let l = 2 * i + 1
      let r = l + 1
      var m = i
      if l < heap.count, worse(heap[l], heap[m]) { m = l }
      if r < heap.count, worse(heap[r], heap[m]) { m = r }
      if m == i { break }
      heap.swapAt(i, m)
      i = m
    }
  }

  /// Best first.
  func sorted() -> [Hit] {
    heap.sorted { worse($1, $0) }.map { Hit(entry: Int($0.doc), score: $0.score) }
  }
}

/// The bonus for query words found close together: for each pair of neighbouring words of the
/// query (in the order written, function words left out) that both occur in a field within
/// `window` words of each other, `weight` × the smaller idf of the two ÷ their distance.
struct Nearness {
  static let window = 8
  static let weight = 0.4

  let clauses: [Clause]
  /// The most the bonus can add to any entry.
  let bound: Double
  /// For each clause, for each of its fields, the postings of its members' first words (read
  /// once; none when there is only one clause, which has no neighbour).
  private let lists: [[[StemPostings]]]

  init(index: SearchIndex, clauses: [Clause]) {
    self.clauses = clauses
    lists =
      clauses.count < 2
      ? []
      : clauses.map { clause in
        clause.fields.map { field in
          let postings = index.text(field)
          return clause.members.filter { !$0.stems.isEmpty }.map { postings.stem($0.stems[0]) }
        }
      }
    var bound = 0.0
    for c in clauses.indices.dropLast() {
      bound += Nearness.weight * min(clauses[c].idf, clauses[c + 1].idf)
    }
    self.bound = bound
  }

  /// The most the pair of clauses `c` and `c + 1` can add.
  func pairBound(_ c: Int) -> Double {
    Nearness.weight * min(clauses[c].idf, clauses[c + 1].idf)
  }

  func bonus(_ doc: Int32, _ matched: [Int]) -> Double {
    let has = Set(matched)
    var total = 0.0
    for c in clauses.indices.dropFirst() where has.contains(c) && has.contains(c - 1) {
      if let d = distance(doc, c - 1, c) {
        total += Nearness.weight * min(clauses[c - 1].idf, clauses[c].idf) / Double(d)
      }
    }
    return total
  }

  /// The least distance between the two clauses' words in any field of `doc`, if within the
  /// window.
  func distance(_ doc: Int32, _ a: Int, _ b: Int) -> Int? {
    var best: Int?
    for (fa, field) in clauses[a].fields.enumerated() {
      guard let fb = clauses[b].fields.firstIndex(of: field) else { continue }
      let pa = positions(lists[a][fa], doc)
      let pb = positions(lists[b][fb], doc)
      var i = 0
      var j = 0
      while i < pa.count, j < pb.count {
        let d = abs(Int(pa[i]) - Int(pb[j]))
        if d > 0, d <= Nearness.window, d < (best ?? Int.max) { best = d }
        if pa[i] < pb[j] { i += 1 } else { j += 1 }
      }
    }
    return best
  }

  /// The positions in `doc` of a clause's members' first words in a field, sorted.
  private func positions(_ members: [StemPostings], _ doc: Int32) -> [Int32] {
    var out: [Int32] = []
    for member in members {
      if let p = member.positions(in: doc) { out += p }
    }
    if members.count > 1 { out.sort() }
    return out
  }
}
