/// One stem's postings in one text field, each list read once (from an index file, a list is
/// read and checked each time it is asked for): the entries that hold the stem, where each
/// entry's positions start in `positions` (one more than the entries), and the positions. Lists
/// that do not fit together (a damaged file) read as empty, so nothing reads out of bounds.
struct StemPostings: Sendable {
  var docs: PostingLists.List
  var starts: PostingLists.List
  var positions: PostingLists.List

  /// Where the stem occurs in entry number `k` of `docs`.
  func positions(at k: Int) -> Slice<PostingLists.List> {
    let start = Int(starts[k])
    return positions[start..<max(start, Int(starts[k + 1]))]
  }

  /// Where the stem occurs in entry `doc` (word positions, ascending), or nil when it does not.
  func positions(in doc: Int32) -> Slice<PostingLists.List>? {
    let k = ClauseScorer.advance(docs, from: 0, to: doc)
    guard k < docs.count, docs[k] == doc else { return nil }
    return positions(at: k)
  }

  /// How many times the stems occur one after the other in entry `doc`.
  static func phraseCount(_ stems: [StemPostings], in doc: Int32) -> Int {
    var lists: [Slice<PostingLists.List>] = []
    for stem in stems {
      guard let p = stem.positions(in: doc) else { return 0 }
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

  /// Whether stem `i` occurs at position `p + i` for some position `p` of the first stem, given
  /// each stem's place (`entries[i]`) in its list of entries.
  static func hasPhrase(_ stems: [StemPostings], at entries: [Int], scratch pointer: inout [Int])
    -> Bool
  {
    for i in stems.indices { pointer[i] = Int(stems[i].starts[entries[i]]) }
    candidates: for p in stems[0].positions(at: entries[0]) {
      for i in stems.indices.dropFirst() {
        let stop = stems[i].positions(at: entries[i]).endIndex
        let want = p + Int32(i)
        let positions = stems[i].positions
        while pointer[i] < stop, positions[pointer[i]] < want { pointer[i] += 1 }
        guard pointer[i] < stop else { return false }
        guard positions[pointer[i]] == want else { continue candidates }
      }
      return true
    }
    return false
  }
}

extension FieldPostings {
  /// Stem `s`'s entries and where each one's positions start, read once; both empty when they
  /// do not fit together.
  func entries(ofStem s: Int) -> (docs: PostingLists.List, starts: PostingLists.List) {
    let list = docs[s]
    let starts = starts[s]
    guard starts.count == list.count + 1 else { return (.empty, .empty) }
    return (list, starts)
  }

  /// Stem `s`'s postings, read once; empty when they do not fit together.
  func stem(_ s: Int) -> StemPostings {
    let (list, starts) = entries(ofStem: s)
    let positions = positions[s]
    guard starts.allSatisfy({ $0 >= 0 && Int($0) <= positions.count }) else {
      return StemPostings(docs: .empty, starts: .empty, positions: .empty)
    }
    return StemPostings(docs: list, starts: starts, positions: positions)
  }
}
