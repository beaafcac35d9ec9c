/// BM25F over a query's positive full-text terms (see `Clause`): every hit is scored, then all
/// are sorted. Best-match queries rank through `BestMatch` instead, which keeps only the top k.
struct Ranking {
  let index: SearchIndex

  /// The hits with their scores, best first; equal scores in id order.
  func ranked(_ docs: [Int32], terms: [([TextField], TextMatch)]) -> [Hit] {
    let scores = self.scores(docs, terms: terms)
    // Sorting plain values, with the id rank beside each score, compares without reaching into
    // the index.
    struct Ranked {
      var score: Double
      var rank: Int32
      var doc: Int32
    }
    let idRank = index.idRank
    var ranked = docs.indices.map {
      Ranked(score: scores[$0], rank: idRank[Int(docs[$0])], doc: docs[$0])
    }
    ranked.sort { $0.score > $1.score || ($0.score == $1.score && $0.rank < $1.rank) }
    return ranked.map { Hit(entry: Int($0.doc), score: $0.score) }
  }

  /// A score for each hit (sorted entries), in the same order.
  func scores(_ hits: [Int32], terms: [([TextField], TextMatch)]) -> [Double] {
    var scores = [Double](repeating: 0, count: hits.count)
    let clauses = Clause.clauses(terms, index: index)
    ClauseScorer.with(index: index, clauses: clauses) { scorer in
      for c in clauses.indices {
        // Only hits in the clause's own list can score on it: walk both lists side by side.
        let docs = clauses[c].docs
        var j = 0
        for (i, doc) in hits.enumerated() {
          while j < docs.count, docs[j] < doc { j += 1 }
          if j < docs.count, docs[j] == doc { scores[i] += scorer.score(c, doc) }
        }
      }
    }
    return scores
  }
}
