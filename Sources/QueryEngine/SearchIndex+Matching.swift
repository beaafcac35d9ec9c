import KnowledgeModel

extension SearchIndex {
  /// The entries a resolved term matches, sorted.
  func matches(_ test: Leaf.Test) -> [Int32] {
    switch test {
    case .nothing: return []
    case .similar(let likeness): return likeness.docs
    case .date(let lo, let hi):
      var out: [Int32] = []
      let (dateLower, dateUpper) = (self.dateLower, self.dateUpper)
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
    case .glob(let pattern, let hierarchical):
      let kept = SearchIndex.values(postings, matching: pattern, hierarchical: hierarchical)
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
  /// Each stem's lists are read once, before the walk.
  func phraseMatches(_ stems: [Int]) -> [Int32] {
    let lists = stems.map { stem($0) }
    guard let lead = lists.indices.min(by: { lists[$0].docs.count < lists[$1].docs.count }) else {
      return []
    }
    var cursor = [Int](repeating: 0, count: stems.count)
    var pointer = [Int](repeating: 0, count: stems.count)
    var out: [Int32] = []
    entries: for k in 0..<lists[lead].docs.count {
      let doc = lists[lead].docs[k]
      for i in stems.indices {
        if i == lead {
          cursor[i] = k
          continue
        }
        let docs = lists[i].docs
        while cursor[i] < docs.count, docs[cursor[i]] < doc { cursor[i] += 1 }
        guard cursor[i] < docs.count else { break entries }
        guard docs[cursor[i]] == doc else { continue entries }
      }
      if StemPostings.hasPhrase(lists, at: cursor, scratch: &pointer) { out.append(doc) }
    }
    return out
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
