import KnowledgeModel

/// "Did you mean" for names: KnowledgeModel's `Suggestion` first, then, for words of four or more
/// characters, anything within two edits, so that transpositions (`titel`, `srot`) are caught.
enum Nearby {
  static func didYouMean(_ word: String, in candidates: [String]) -> String {
    let near = Suggestion.didYouMean(word, in: candidates)
    if !near.isEmpty || word.count < 4 { return near }
    let close = candidates.map { (Suggestion.distance(word, $0), $0) }.filter {
      $0.0 <= 2 && $0.1.lowercased() != word.lowercased()
    }.min { $0 < $1 }
    return close.map { "; did you mean '\($0.1)'?" } ?? ""
  }
}
