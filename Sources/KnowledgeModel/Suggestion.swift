/// "Did you mean" support: the nearest names by edit distance, with a floor so that unrelated
/// names are never suggested.
public enum Suggestion {
  /// Levenshtein distance over Unicode scalars, case-insensitive.
  public static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a.lowercased().unicodeScalars)
    let y = Array(b.lowercased().unicodeScalars)
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

  /// The candidates closest to `word`, best first, at most `limit`. A candidate qualifies when its
  /// distance is at most a third of the longer word's length (at least 1, or 2 from four characters on;
  /// at most 3), or when one is
  /// a prefix of the other and the word has at least 3 characters.
  public static func nearest(_ word: String, in candidates: some Sequence<String>, limit: Int = 1)
    -> [String]
  {
    let lowered = word.lowercased()
    var scored: [(Int, String)] = []
    var seen = Set<String>()
    for candidate in candidates where seen.insert(candidate).inserted {
      let c = candidate.lowercased()
      if c == lowered { continue }
      let d = distance(lowered, c)
      let floor = max(lowered.count >= 4 ? 2 : 1, min(3, max(lowered.count, c.count) / 3))
      if d <= floor {
        scored.append((d, candidate))
      } else if lowered.count >= 3, c.hasPrefix(lowered) || lowered.hasPrefix(c) {
        scored.append((floor + 1, candidate))
      }
    }
    scored.sort { ($0.0, $0.1) < ($1.0, $1.1) }
    return scored.prefix(limit).map(\.1)
  }

  /// `; did you mean 'x'?`, or an empty string when nothing is close.
  public static func didYouMean(
    _ word: String, in candidates: some Sequence<String>, limit: Int = 1
  )
    -> String
  {
    let near = nearest(word, in: candidates, limit: limit)
    guard !near.isEmpty else { return "" }
    return "; did you mean " + near.map { "'\($0)'" }.joined(separator: " or ") + "?"
  }
}

extension Suggestion {
  /// The ids nearest a mistyped id, best first, at most `limit`. Ids are slugs of several words
  /// (`lancaster-supporting-affected-staff`), so a candidate ranks by how many of the typed words
  /// it holds (a word counts when it is spelled within one edit, or is a prefix of three letters
  /// or more), then by edit distance; the close spellings `nearest` finds come first.
  public static func nearestIDs(_ id: String, in candidates: [String], limit: Int = 3) -> [String] {
    var out = nearest(id, in: candidates, limit: limit)
    func words(_ s: String) -> [String] {
      s.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }
    let typed = words(id)
    var scored: [(shared: Int, distance: Int, id: String)] = []
    for candidate in candidates where !out.contains(candidate) {
      let theirs = words(candidate)
      let shared = typed.filter { word in
        theirs.contains { $0 == word || (word.count >= 3 && $0.hasPrefix(word)) }
          || (word.count >= 4 && theirs.contains { distance($0, word) <= 1 })
      }.count
      // At least half the typed words, and one of them.
      if shared > 0, shared * 2 >= typed.count {
        scored.append((shared, distance(id, candidate), candidate))
      }
    }
    scored.sort { ($1.shared, $0.distance, $0.id) < ($0.shared, $1.distance, $1.id) }
    out += scored.prefix(max(0, limit - out.count)).map(\.id)
    return out
  }
}
