import KnowledgeModel

extension SearchIndex {
  /// The entries a resolved term matches, sorted.
  func matches(_ test: Leaf.Test) -> [Int32] {
    switch test {
    case .nothing: return []
    case .date(let lo, let hi):
      var out: [Int32] = []
      let (dateLower, dateUpper) = (self.dateLower, self.dateUpper)
      for d in 0..<count where dateLower[d] != 0 && dateLower[d] >= lo && dateUpper[d] <= hi {
        out.append(Int32(d))
      }
      return out
    case .values(let field, let match): return matches(values(of: field), match)
    case .text(let fields, let match):
      return Postings.union(fields.map { matches(text($0), match) }, count: count)
    }
  }

  func values(of field: ValueField) -> ValuePostings {
    switch field {
    case .facet(let f): return facet(f) ?? ValuePostings()
    case .id: return ids
    case .related: return related
    case .extra(let key): return extra(key) ?? ValuePostings()
    }
  }

  func matches(_ postings: ValuePostings, _ match: ValueMatch) -> [Int32] {
    switch match {
    case .exact(let v): return postings.exact(v) ?? []
    case .hierarchy(let v):
      return (v.contains("/") ? postings.path(v) : postings.segment(v)) ?? []
    case .prefix(let p):
      return Postings.union(
        postings.values(withPrefix: p).map { postings.exact($0) ?? [] }, count: count)
    case .range(let lo, let hi):
      let kept = postings.sortedValues.filter { RangeTest.contains($0, lo, hi) }
      return Postings.union(kept.map { postings.exact($0) ?? [] }, count: count)
    }
  }

  func matches(_ field: FieldPostings, _ match: TextMatch) -> [Int32] {
    switch match {
    case .stem(let s):
      guard let n = stems[s] else { return [] }
      return field.docs[Int(n)].array
    case .prefix(let p):
      if p.isEmpty {
        let lengths = field.lengths
        return (0..<count).filter { lengths[$0] > 0 }.map { Int32($0) }
      }
      return Postings.union(
        words(withPrefix: p).map { field.wordDocs[Int($0)].array }, count: count)
    case .phrase(let words):
      var numbers: [Int] = []
      for w in words {
        guard let n = stems[w] else { return [] }
        numbers.append(Int(n))
      }
      return field.phraseMatches(numbers)
    }
  }
}

extension FieldPostings {
  /// The entries where the stems occur one after the other. The rarest stem's entries lead; the
  /// other lists are walked forward beside them (each is sorted), and in each entry the positions
  /// are merged the same way, so nothing is searched twice and nothing is allocated per entry.
  /// Each stem's lists are read once, before the walk.
  func phraseMatches(_ stems: [Int]) -> [Int32] {
    let lists = stems.map { docs[$0] }
    let startLists = stems.map { starts[$0] }
    let positionLists = stems.map { positions[$0] }
    // Every list of starts has one more element than its list of entries, and every start lies
    // within the stem's positions; lists that do not agree (a damaged file) match nothing.
    for i in stems.indices {
      guard startLists[i].count == lists[i].count + 1,
        startLists[i].allSatisfy({ $0 >= 0 && Int($0) <= positionLists[i].count })
      else { return [] }
    }
    guard let lead = lists.indices.min(by: { lists[$0].count < lists[$1].count }) else {
      return []
    }
    var cursor = [Int](repeating: 0, count: stems.count)
    var pointer = [Int](repeating: 0, count: stems.count)
    var out: [Int32] = []
    entries: for k in 0..<lists[lead].count {
      let doc = lists[lead][k]
      for i in stems.indices {
        if i == lead {
          cursor[i] = k
          continue
        }
        while cursor[i] < lists[i].count, lists[i][cursor[i]] < doc { cursor[i] += 1 }
        guard cursor[i] < lists[i].count else { break entries }
        guard lists[i][cursor[i]] == doc else { continue entries }
      }
      if Self.hasPhrase(startLists, positionLists, at: cursor, scratch: &pointer) {
        out.append(doc)
      }
    }
    return out
  }

  /// Whether stem `i` occurs at position `p + i` for some position `p` of the first stem, given
  /// each stem's place (`entries[i]`) in its list of entries.
  private static func hasPhrase(
    _ starts: [PostingLists.List], _ positions: [PostingLists.List], at entries: [Int],
    scratch pointer: inout [Int]
  ) -> Bool {
    func bounds(_ i: Int) -> (Int, Int) {
      (Int(starts[i][entries[i]]), max(Int(starts[i][entries[i]]), Int(starts[i][entries[i] + 1])))
    }
    for i in starts.indices { pointer[i] = bounds(i).0 }
    let (first, end) = bounds(0)
    candidates: for k in first..<end {
      let p = positions[0][k]
      for i in starts.indices.dropFirst() {
        let stop = bounds(i).1
        let want = p + Int32(i)
        while pointer[i] < stop, positions[i][pointer[i]] < want { pointer[i] += 1 }
        guard pointer[i] < stop else { return false }
        guard positions[i][pointer[i]] == want else { continue candidates }
      }
      return true
    }
    return false
  }
}

/// Inclusive ranges over front-matter values: numbers as numbers, dates as dates, else text.
enum RangeTest {
  static func contains(_ value: String, _ lo: String?, _ hi: String?) -> Bool {
    let bounds = [lo, hi].compactMap { $0 }
    if bounds.allSatisfy({ Double($0) != nil }) {
      guard let v = Double(value) else { return false }
      return (lo.map { v >= Double($0)! } ?? true) && (hi.map { v <= Double($0)! } ?? true)
    }
    if bounds.allSatisfy({ PartialDate($0) != nil }) {
      guard let v = PartialDate(value) else { return false }
      return (lo.map { v.lowerBound >= PartialDate($0)!.lowerBound } ?? true)
        && (hi.map { v.upperBound <= PartialDate($0)!.upperBound } ?? true)
    }
    return (lo.map { value >= $0 } ?? true) && (hi.map { value <= $0 } ?? true)
  }
}
