/// Boolean algebra over sorted postings.
extension Plan {
  func evaluate(in index: SearchIndex) -> [Int32] {
    switch self {
    case .all: return Postings.all(index.count)
    case .leaf(let leaf): return index.matches(leaf.test)
    case .not(let x): return Postings.subtract(Postings.all(index.count), x.evaluate(in: index))
    case .or(let xs): return Postings.union(xs.map { $0.evaluate(in: index) }, count: index.count)
    case .and(let xs):
      // Positive parts are intersected smallest first; negated parts are subtracted after.
      var positive: [[Int32]] = []
      var negative: [[Int32]] = []
      for x in xs {
        if case .not(let inner) = x {
          negative.append(inner.evaluate(in: index))
        } else {
          positive.append(x.evaluate(in: index))
        }
      }
      positive.sort { $0.count < $1.count }
      var result = positive.first ?? Postings.all(index.count)
      for list in positive.dropFirst() {
        if result.isEmpty { break }
        result = Postings.intersect(result, list)
      }
      for list in negative {
        if result.isEmpty { break }
        result = Postings.subtract(result, list)
      }
      return result
    }
  }

  /// `similar:` leaves that count for ranking: those under an even number of NOTs.
  func positiveLikeness(negated: Bool = false) -> [MoreLikeThis.Likeness] {
    switch self {
    case .all: return []
    case .leaf(let leaf):
      if !negated, case .similar(let likeness) = leaf.test { return [likeness] }
      return []
    case .not(let x): return x.positiveLikeness(negated: !negated)
    case .and(let xs), .or(let xs): return xs.flatMap { $0.positiveLikeness(negated: negated) }
    }
  }

  /// Full-text leaves that count for ranking: those under an even number of NOTs.
  func positiveText(negated: Bool = false) -> [([TextField], TextMatch)] {
    switch self {
    case .all: return []
    case .leaf(let leaf):
      if !negated, case .text(let fields, let match) = leaf.test { return [(fields, match)] }
      return []
    case .not(let x): return x.positiveText(negated: !negated)
    case .and(let xs), .or(let xs): return xs.flatMap { $0.positiveText(negated: negated) }
    }
  }
}
