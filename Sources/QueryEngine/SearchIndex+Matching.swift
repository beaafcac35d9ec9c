import KnowledgeModel

extension SearchIndex {
  /// The entries a resolved term matches, sorted.
  func matches(_ test: Leaf.Test) -> [Int32] {
    switch test {
    case .nothing: return []
    case .date(let lo, let hi):
      var out: [Int32] = []
      for d in 0..<count where dateLower[d] != 0 && dateLower[d] >= lo && dateUpper[d] <= hi {
        out.append(Int32(d))
      }
      return out
    case .values(let field, let match): return matches(values(of: field), match)
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
      var candidates = field.docs[numbers[0]].array
      for n in numbers.dropFirst() {
        candidates = Postings.intersect(candidates, field.docs[n].array)
      }
      return candidates.filter { field.hasPhrase(numbers, in: $0) }
    }
  }
}

extension FieldPostings {
  /// The positions of stem `s` in entry `doc` (empty when absent).
  func positions(of s: Int, in doc: Int32) -> ArraySlice<Int32> {
    let list = docs[s]
    var lo = 0
    var hi = list.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if list[mid] < doc { lo = mid + 1 } else { hi = mid }
    }
    guard lo < list.count, list[lo] == doc else { return [] }
    return positions[s].elements(Int(starts.element(s, lo)), Int(starts.element(s, lo + 1)))
  }

  /// Whether the stems occur one after the other somewhere in the entry.
  func hasPhrase(_ stems: [Int], in doc: Int32) -> Bool {
    let lists = stems.map { Set(positions(of: $0, in: doc)) }
    for p in positions(of: stems[0], in: doc) {
      if (1..<stems.count).allSatisfy({ lists[$0].contains(p + Int32($0)) }) { return true }
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
