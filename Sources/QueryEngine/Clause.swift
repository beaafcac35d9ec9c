import Foundation

/// One unit of relevance: a word, or a word with its synonyms, scored as one term by BM25F.
/// Each field's hits are weighted by the field (title 3, summary 2, body 1) and normalised by the
/// field's length; a synonym's hits count `TextAlternative.synonymWeight` of the written form's;
/// an entry with a facet value the word is an alias of counts as one such hit in a summary of
/// average length. The sum is saturated once (k1 = 1.2, b = 0.75) and multiplied by the idf of
/// the entries the clause matches.
struct Clause: Sendable {
  struct Member: Sendable {
    /// Stem numbers in the index: one word, or a phrase.
    var stems: [Int]
    /// For a facet alias: the entries with the value.
    var facetDocs: [Int32]?
    var weight: Double
  }

  var fields: [TextField]
  var members: [Member]
  /// The entries the clause matches, sorted.
  var docs: [Int32]
  var idf: Double
  /// What the query said, for explanations.
  var text: String

  static let k1 = 1.2
  static let b = 0.75

  /// No entry can score more than this on the clause (BM25's saturation).
  var bound: Double { idf * (Clause.k1 + 1) }

  /// The clauses that rank a query's positive full-text terms: one per word; a phrase ranks by
  /// each of its words; a prefix does not rank.
  static func clauses(_ terms: [([TextField], TextMatch)], index: SearchIndex) -> [Clause] {
    var out: [Clause] = []
    for (fields, match) in terms {
      switch match {
      case .stem(let s):
        out += make(fields, [TextAlternative(form: .words([s]), weight: 1)], s, index)
      case .phrase(let ss):
        for s in ss {
          out += make(fields, [TextAlternative(form: .words([s]), weight: 1)], s, index)
        }
      case .prefix: continue
      case .expanded(let alternatives):
        let text: String
        if case .words(let ss) = alternatives[0].form {
          text = ss.joined(separator: " ")
        } else {
          text = ""
        }
        out += make(fields, alternatives, text, index)
      }
    }
    return out
  }

  /// A clause, or none when nothing in the index matches it.
  static func make(
    _ fields: [TextField], _ alternatives: [TextAlternative], _ text: String, _ index: SearchIndex
  ) -> [Clause] {
    var members: [Member] = []
    for alternative in alternatives {
      switch alternative.form {
      case .words(let ss):
        let numbers = ss.compactMap { index.stems[$0].map(Int.init) }
        if numbers.count == ss.count {
          members.append(Member(stems: numbers, weight: alternative.weight))
        }
      case .facet(let facet, let value):
        let docs = index.matches(index.values(of: .facet(facet)), .hierarchy(value.lowercased()))
        if !docs.isEmpty {
          members.append(Member(stems: [], facetDocs: docs, weight: alternative.weight))
        }
      }
    }
    let docs = index.matches(.text(fields, .expanded(alternatives)))
    guard !members.isEmpty, !docs.isEmpty else { return [] }
    let n = Double(index.count)
    let df = Double(docs.count)
    let idf = log(1 + (n - df + 0.5) / (df + 0.5))
    return [Clause(fields: fields, members: members, docs: docs, idf: idf, text: text)]
  }
}

/// Scores entries on clauses, entry after entry in increasing order: each member's place in
/// each field's list only moves forward, so a pass over sorted entries reads each list once.
struct ClauseScorer {
  let index: SearchIndex
  let clauses: [Clause]
  /// By clause, member, field: the next place to look in the member's first stem's list.
  private var cursors: [[[Int]]]
  private let averages: [Double]

  init(index: SearchIndex, clauses: [Clause]) {
    self.index = index
    self.clauses = clauses
    cursors = clauses.map { c in c.members.map { _ in c.fields.map { _ in 0 } } }
    averages = index.text.map(\.averageLength)
  }

  /// Clause `c`'s score for `doc`; docs must be asked for in increasing order for each clause.
  mutating func score(_ c: Int, _ doc: Int32) -> Double {
    let clause = clauses[c]
    var w = 0.0
    for (f, field) in clause.fields.enumerated() {
      let postings = index.text[field.rawValue]
      var tf = 0.0
      for (m, member) in clause.members.enumerated() where !member.stems.isEmpty {
        let s = member.stems[0]
        let list = postings.docs[s]
        var k = cursors[c][m][f]
        k = ClauseScorer.advance(list, from: k, to: doc)
        cursors[c][m][f] = k
        guard k < list.count, list[k] == doc else { continue }
        if member.stems.count == 1 {
          tf += member.weight * Double(postings.frequency(stem: s, at: k))
        } else {
          tf += member.weight * Double(postings.phraseCount(member.stems, in: doc))
        }
      }
      if tf > 0 {
        let length = Double(postings.lengths[Int(doc)])
        let norm = 1 - Clause.b + Clause.b * length / averages[field.rawValue]
        w += field.weight * tf / norm
      }
    }
    for member in clause.members {
      if let docs = member.facetDocs, ClauseScorer.contains(docs, doc) {
        w += member.weight * TextField.summary.weight
      }
    }
    guard w > 0 else { return 0 }
    return clause.idf * w * (Clause.k1 + 1) / (Clause.k1 + w)
  }

  /// The first place at or after `from` whose entry is at least `doc` (galloping).
  static func advance<List: RandomAccessCollection<Int32>>(
    _ list: List, from: Int, to doc: Int32
  ) -> Int where List.Index == Int {
    var lo = from
    guard lo < list.count, list[lo] < doc else { return lo }
    var step = 1
    var hi = lo + 1
    while hi < list.count, list[hi] < doc {
      lo = hi
      step *= 2
      hi = lo + step
    }
    hi = min(hi, list.count)
    while lo < hi {
      let mid = (lo + hi) / 2
      if list[mid] < doc { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  static func contains(_ list: [Int32], _ doc: Int32) -> Bool {
    var lo = 0
    var hi = list.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if list[mid] < doc { lo = mid + 1 } else { hi = mid }
    }
    return lo < list.count && list[lo] == doc
  }
}
