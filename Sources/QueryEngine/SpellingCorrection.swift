import KnowledgeModel

extension Searcher {
  /// The word of the knowledge base nearest to `word`, as Xapian's spelling correction picks it:
  /// the fewest edits (insertions, deletions, substitutions, swaps of two neighbours), at most 1
  /// for words of up to seven letters and 2 for longer ones; among equals, the word in most
  /// entries. Nil when the index has the word or nothing is close.
  public func spellingCorrection(for word: String) -> String? {
    var folding = TextFolding()
    let words = folding.words(word)
    guard words.count == 1, let typed = words.first, typed.count >= 3 else { return nil }
    let index = self.index
    let fields = TextField.standard.map { index.text($0) }
    if let s = index.stems[Stemmer().stem(typed)],
      fields.contains(where: { $0.docs[Int(s)].count > 0 })
    {
      return nil
    }
    let target = Array(typed.utf8)
    let limit = target.count <= 7 ? 1 : 2
    var best: (distance: Int, frequency: Int, word: String)?
    let known = index.parts.words.get
    for (i, candidate) in known.sorted.enumerated() {
      let bytes = Array(candidate.utf8)
      guard abs(bytes.count - target.count) <= limit, bytes != target else { continue }
      guard let d = Searcher.editDistance(target, bytes, limit: best?.distance ?? limit) else {
        continue
      }
      let n = Int(known.numbers[i])
      var frequency = 0
      for field in fields { frequency += field.wordDocs[n].count }
      guard frequency > 0 else { continue }
      if let b = best, (d, -frequency, candidate) >= (b.distance, -b.frequency, b.word) { continue }
      best = (d, frequency, candidate)
    }
    return best?.word
  }

  /// Optimal string alignment distance, or nil when it exceeds `limit`.
  static func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int? {
    if a.isEmpty || b.isEmpty {
      return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil
    }
    var before = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      var rowBest = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          d = min(d, before[j - 2] + 1)
        }
        current[j] = d
        rowBest = min(rowBest, d)
      }
      if rowBest > limit { return nil }
      (before, previous, current) = (previous, current, before)
    }
    return previous[b.count] <= limit ? previous[b.count] : nil
  }
}
