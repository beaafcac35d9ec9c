import Foundation

/// BM25F over a query's positive full-text terms (see `Clause`): every hit is scored, then all
/// are sorted. Best-match queries rank through `BestMatch` instead, which keeps only the top k.
struct Ranking {
  let index: SearchIndex

  /// The hits with their scores, best first; equal scores in id order.
  func ranked(_ docs: [Int32], terms: [([TextField], TextMatch)]) -> [Hit] {
    order(docs, self.scores(docs, terms: terms))
  }

  /// The hits with their scores, best first; equal scores in id order.
  func order(_ docs: [Int32], _ scores: [Double]) -> [Hit] {
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

  /// Hits ranked by their likeness to the entries of `similar:` terms, plus their BM25F score
  /// for full-text terms when there are any.
  func ranked(
    _ docs: [Int32], terms: [([TextField], TextMatch)], likeness: [MoreLikeThis.Likeness]
  ) -> [Hit] {
    var scores =
      terms.isEmpty ? [Double](repeating: 0, count: docs.count) : self.scores(docs, terms: terms)
    for like in likeness {
      // Both lists are sorted: walk them together.
      var k = 0
      for (i, doc) in docs.enumerated() {
        while k < like.docs.count, like.docs[k] < doc { k += 1 }
        if k < like.docs.count, like.docs[k] == doc { scores[i] += like.scores[k] }
      }
    }
    return order(docs, scores)
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

  /// A score for each hit, in the same order, each term's BM25F part multiplied by its weight
  /// (`similar:`'s words, weighted by how distinctive each is).
  func weightedScores(_ hits: [Int32], terms: [([TextField], TextMatch)], weights: [Double])
    -> [Double]
  {
    var scores = [Double](repeating: 0, count: hits.count)
    var weighted = [Double](repeating: 0, count: index.count)
    let n = Double(index.count)
    let stemNumbers = index.stems
    for (t, (fields, match)) in terms.enumerated() {
      let weight = weights[t]
      let stems: [String]
      switch match {
      case .stem(let s): stems = [s]
      case .phrase(let ss): stems = ss
      case .prefix, .expanded: continue  // `similar:` builds plain stems only
      }
      for stem in stems {
        guard let s = stemNumbers[stem].map(Int.init) else { continue }
        var touched: [[Int32]] = []
        for field in fields {
          let postings = index.text(field)
          let average = postings.averageLength
          let list = postings.docs[s]
          let starts = postings.starts[s]
          let lengths = postings.lengths
          guard starts.count == list.count + 1 else { continue }
          touched.append(list.array)
          for (k, doc) in list.enumerated() {
            let tf = Double(starts[k + 1] - starts[k])
            let length = Double(lengths[Int(doc)])
            let norm = 1 - Clause.b + Clause.b * length / average
            weighted[Int(doc)] += field.weight * tf / norm
          }
        }
        let containing = Postings.union(touched, count: index.count)
        let df = Double(containing.count)
        let idf = log(1 + (n - df + 0.5) / (df + 0.5))
        for (i, doc) in hits.enumerated() {
          let w = weighted[Int(doc)]
          if w > 0 { scores[i] += weight * idf * w * (Clause.k1 + 1) / (Clause.k1 + w) }
        }
        for doc in containing { weighted[Int(doc)] = 0 }
      }
    }
    return scores
  }
}
