/// "Did you mean" for saved-search names: the nearest name by edit distance, with a floor so that
/// unrelated names are never suggested.
enum NameSuggestion {
  /// Levenshtein distance over Unicode scalars.
  static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars)
    let y = Array(b.unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[y.count]
  }

  /// The closest candidate within a third of the longer name's length (at least 1, at most 3), or
  /// one that starts with `word` (or that `word` starts with) when `word` has 3 characters or more.
  static func nearest(_ word: String, in candidates: some Sequence<String>) -> String? {
    var best: (Int, String)? = nil
    for candidate in candidates where candidate != word {
      let floor = max(1, min(3, max(word.count, candidate.count) / 3))
      var score = distance(word, candidate)
      if score > floor {
        guard word.count >= 3, candidate.hasPrefix(word) || word.hasPrefix(candidate) else {
          continue
        }
        score = floor + 1
      }
      if best == nil || (score, candidate) < best! { best = (score, candidate) }
    }
    return best?.1
  }
}
