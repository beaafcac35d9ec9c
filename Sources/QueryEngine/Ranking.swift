import Foundation

/// BM25F: each field's term frequency is normalised by its length and weighted (title 3,
/// summary 2, body 1), then the sum is saturated once per term.
struct Ranking {
  static let k1 = 1.2
  static let b = 0.75

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

  /// A score for each hit, in the same order.
  func scores(_ hits: [Int32], terms: [([TextField], TextMatch)]) -> [Double] {
    var scores = [Double](repeating: 0, count: hits.count)
    var weighted = [Double](repeating: 0, count: index.count)
    let n = Double(index.count)
    let stemNumbers = index.stems
    for (fields, match) in terms {
      let stems: [String]
      switch match {
      case .stem(let s): stems = [s]
      case .phrase(let ss): stems = ss
      case .prefix: continue
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
            let norm = 1 - Ranking.b + Ranking.b * length / average
            weighted[Int(doc)] += field.weight * tf / norm
          }
        }
        let containing = Postings.union(touched, count: index.count)
        let df = Double(containing.count)
        let idf = log(1 + (n - df + 0.5) / (df + 0.5))
        for (i, doc) in hits.enumerated() {
          let w = weighted[Int(doc)]
          if w > 0 { scores[i] += idf * w * (Ranking.k1 + 1) / (Ranking.k1 + w) }
        }
        for doc in containing { weighted[Int(doc)] = 0 }
      }
    }
    return scores
  }
}
