import KnowledgeModel

extension SearchIndex {
  /// The entries a resolved term matches, sorted.
  func matches(_ test: Leaf.Test) -> [Int32] {
    switch test {
    case .nothing: return []
    case .similar(let likeness): return likeness.docs
    case .date(let lo, let hi):
      var out: [Int32] = []
      for d in 0..<count where dateLower[d] != 0 && dateLower[d] >= lo && dateUpper[d] <= hi {
        out.append(Int32(d))
      }
      return out
    case .values(let field, let match): return matches(values(of: field), match)
    case .text(let fields, .expanded(let alternatives)):
      return Postings.union(
        alternatives.map { alternative in
          switch alternative.form {
          case .words:
            return matches(.text(fields, alternative.simple!))
          case .facet(let facet, let value):
            return matches(values(of: .facet(facet)), .hierarchy(value.lowercased()))
          }
        }, count: count)
    case .text(let fields, let match):
      return Postings.union(fields.map { matches(text[$0.rawValue], match) }, count: count)
    }
  }

  func values(of field: ValueField) -> ValuePostings {
    switch field {
    case .facet(let f): return facets[f] ?? ValuePostings()
    case .id: return ids
    case .related: return related
    case .extra(let key): return extras[key] ?? ValuePostings()
    }
  }

  func matches(_ postings: ValuePostings, _ match: ValueMatch) -> [Int32] {
    switch match {
    case .exact(let v): return postings.exact[v] ?? []
    case .hierarchy(let v):
      return (v.contains("/") ? postings.paths[v] : postings.segments[v]) ?? []
    case .prefix(let p):
      return Postings.union(
        postings.values(withPrefix: p).map { postings.exact[$0]! }, count: count)
    case .range(let lo, let hi):
      let kept = postings.sortedValues.filter { RangeTest.contains($0, lo, hi) }
      return Postings.union(kept.map { postings.exact[$0]! }, count: count)
    case .glob(let pattern, let hierarchical):
      let kept = SearchIndex.values(postings, matching: pattern, hierarchical: hierarchical)
      return Postings.union(kept.map { postings.exact[$0]! }, count: count)
    }
  }

  func matches(_ field: FieldPostings, _ match: TextMatch) -> [Int32] {
    switch match {
    case .stem(let s):
      guard let n = stems[s] else { return [] }
      return field.docs[Int(n)].array
    case .prefix(let p):
      if p.isEmpty {
        return (0..<count).filter { field.lengths[$0] > 0 }.map { Int32($0) }
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
    case .expanded(let alternatives):
      return Postings.union(
        alternatives.compactMap { $0.simple.map { matches(field, $0) } }, count: count)
    }
  }
}

extension FieldPostings {
  /// The entries where the stems occur one after the other. The rarest stem's entries lead; the
  /// other lists are walked forward beside them (each is sorted), and in each entry the positions
  /// are merged the same way, so nothing is searched twice and nothing is allocated per entry.
  func phraseMatches(_ stems: [Int]) -> [Int32] {
    let lists = stems.map { docs[$0] }
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
      if hasPhrase(stems, at: cursor, scratch: &pointer) { out.append(doc) }
    }
    return out
  }

  /// Whether stem `i` occurs at position `p + i` for some position `p` of the first stem, given
  /// each stem's place (`entries[i]`) in its list of entries.
  private func hasPhrase(_ stems: [Int], at entries: [Int], scratch pointer: inout [Int]) -> Bool {
    func bounds(_ i: Int) -> (Int, Int) {
      (Int(starts.element(stems[i], entries[i])), Int(starts.element(stems[i], entries[i] + 1)))
    }
    for i in stems.indices { pointer[i] = bounds(i).0 }
    let (first, end) = bounds(0)
    candidates: for k in first..<end {
      let p = positions.element(stems[0], k)
      for i in stems.indices.dropFirst() {
        let stop = bounds(i).1
        let want = p + Int32(i)
        while pointer[i] < stop, positions.element(stems[i], pointer[i]) < want { pointer[i] += 1 }
        guard pointer[i] < stop else { return false }
        guard positions.element(stems[i], pointer[i]) == want else { continue candidates }
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

extension FieldPostings {
  /// Where stem `s` occurs in entry `doc` (word positions, ascending), or nil when it does not.
  func positions(of s: Int, in doc: Int32) -> PostingLists.List.SubSequence? {
    let list = docs[s]
    let k = ClauseScorer.advance(list, from: 0, to: doc)
    guard k < list.count, list[k] == doc else { return nil }
    let all = positions[s]
    return all[Int(starts.element(s, k))..<Int(starts.element(s, k + 1))]
  }

  /// How many times the stems occur one after the other in entry `doc`.
  func phraseCount(_ stems: [Int], in doc: Int32) -> Int {
    var lists: [PostingLists.List.SubSequence] = []
    for s in stems {
      guard let p = positions(of: s, in: doc) else { return 0 }
      lists.append(p)
    }
    var count = 0
    for p in lists[0] {
      var all = true
      for i in 1..<lists.count where !lists[i].contains(p + Int32(i)) {
        all = false
        break
      }
      if all { count += 1 }
    }
    return count
  }
}

extension SearchIndex {
  /// The values in use that a glob matches: the whole value, or for paths an ancestor path (so
  /// the value lies below a match) or, when the pattern has no `/`, one of its segments.
  static func values(_ postings: ValuePostings, matching pattern: String, hierarchical: Bool)
    -> [String]
  {
    postings.sortedValues.filter { value in
      if Glob.matches(value, pattern) { return true }
      guard hierarchical, value.contains("/") else { return false }
      let segments = value.split(separator: "/", omittingEmptySubsequences: false)
      var path = ""
      for segment in segments {
        path = path.isEmpty ? String(segment) : path + "/" + segment
        if Glob.matches(path, pattern) { return true }
        if !pattern.contains("/"), Glob.matches(String(segment), pattern) { return true }
      }
      return false
    }
  }
}
