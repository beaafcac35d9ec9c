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

  /// No entry can score more than this on the clause: over the standard fields, the saturated
  /// sum of its members' largest impacts; elsewhere BM25's saturation limit.
  var bound: Double

  init(
    fields: [TextField], members: [Member], docs: [Int32], idf: Double, text: String,
    index: SearchIndex
  ) {
    self.fields = fields
    self.members = members
    self.docs = docs
    self.idf = idf
    self.text = text
    bound = idf * (Clause.k1 + 1)
    if fields == TextField.standard {
      let maxImpact = index.maxImpact
      var w = 0.0
      for member in members {
        if let s = member.stems.first {
          w += member.weight * Double(maxImpact[s])
        } else {
          w += member.weight * TextField.summary.weight
        }
      }
      bound = min(bound, idf * w * (Clause.k1 + 1) / (Clause.k1 + w))
    }
  }

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
        let stems = index.stems
        let numbers = ss.compactMap { stems[$0].map(Int.init) }
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
    return [
      Clause(fields: fields, members: members, docs: docs, idf: idf, text: text, index: index)
    ]
  }
}

/// Scores entries on clauses, entry after entry in increasing order: each member's place in
/// each field's list only moves forward, so a pass over sorted entries reads each list once.
/// Everything a score needs is looked up once, when the scorer is made: each field's lists of
/// the clauses' words are read once and laid one after another (a list in an index file is read
/// from it only here), with a cursor for each member and field saying where its entries and
/// their positions' starts lie, and each field's lengths. Scoring reads those arrays through
/// pointers, valid inside `ClauseScorer.with`, so it copies and retains nothing per entry.
struct ClauseScorer {
  let index: SearchIndex

  /// One member of a clause in one field: list `docs[base ..< end]` of the field's arrays.
  struct Cursor {
    let base: Int
    let end: Int
    /// Where the list's starts begin in the field's `starts`.
    let startsBase: Int
    var at: Int
    let weight: Double
    /// The field's place in `fields`.
    let field: Int
    /// For a phrase: its place in `phrases` (scored by counting the phrase); nil for a word.
    let phrase: Int?
  }

  /// One field searched by some clause, with pointers into its arrays.
  struct Field {
    let field: TextField
    let docs: UnsafeBufferPointer<Int32>
    let starts: UnsafeBufferPointer<Int32>
    let lengths: UnsafeBufferPointer<Int32>
    let average: Double
  }

  /// One field's lists of the clauses' words, one after another, while the scorer is made.
  private struct Lists {
    let field: TextField
    let postings: FieldPostings
    var docs: [Int32] = []
    var starts: [Int32] = []
  }

  private var cursors: [Cursor] = []
  /// Clause `c`'s cursors are `cursors[first[c] ..< first[c + 1]]`, grouped by field.
  private var first: [Int] = []
  private var lists: [Lists] = []
  private var fields: [Field] = []
  /// The postings of each phrase member's words.
  private var phrases: [[StemPostings]] = []
  /// Facet members of each clause: (entries, weight).
  private var facets: [[(docs: [Int32], weight: Double)]] = []
  private let idfs: [Double]

  /// Runs `body` with a scorer for these clauses.
  static func with<R>(
    index: SearchIndex, clauses: [Clause], _ body: (inout ClauseScorer) -> R
  ) -> R {
    var scorer = ClauseScorer(index: index, clauses: clauses)
    let arrays = scorer.lists.flatMap { [$0.docs, $0.starts, $0.postings.lengths] }
    return withPointers(arrays[...], []) { pointers in
      scorer.fields = scorer.lists.indices.map { n in
        Field(
          field: scorer.lists[n].field, docs: pointers[3 * n], starts: pointers[3 * n + 1],
          lengths: pointers[3 * n + 2], average: scorer.lists[n].postings.averageLength)
      }
      return body(&scorer)
    }
  }

  /// Pointers to every array, valid inside `body`.
  private static func withPointers<R>(
    _ arrays: ArraySlice<[Int32]>, _ done: [UnsafeBufferPointer<Int32>],
    _ body: ([UnsafeBufferPointer<Int32>]) -> R
  ) -> R {
    guard let first = arrays.first else { return body(done) }
    return first.withUnsafeBufferPointer { p in withPointers(arrays.dropFirst(), done + [p], body) }
  }

  private init(index: SearchIndex, clauses: [Clause]) {
    self.index = index
    idfs = clauses.map(\.idf)
    for clause in clauses {
      first.append(cursors.count)
      for field in clause.fields {
        if !lists.contains(where: { $0.field == field }) {
          lists.append(Lists(field: field, postings: index.text(field)))
        }
        let slot = lists.firstIndex { $0.field == field }!
        for member in clause.members where !member.stems.isEmpty {
          let (docs, starts) = lists[slot].postings.entries(ofStem: member.stems[0])
          let base = lists[slot].docs.count
          let startsBase = lists[slot].starts.count
          lists[slot].docs += docs.elements(0, docs.count)
          lists[slot].starts += starts.elements(0, starts.count)
          var phrase: Int?
          if member.stems.count > 1 {
            phrase = phrases.count
            phrases.append(member.stems.map { lists[slot].postings.stem($0) })
          }
          cursors.append(
            Cursor(
              base: base, end: base + docs.count, startsBase: startsBase, at: base,
              weight: member.weight, field: slot, phrase: phrase))
        }
      }
      facets.append(clause.members.compactMap { m in m.facetDocs.map { ($0, m.weight) } })
    }
    first.append(cursors.count)
  }

  /// Clause `c`'s score for `doc`; docs must be asked for in increasing order for each clause.
  mutating func score(_ c: Int, _ doc: Int32) -> Double {
    var w = 0.0
    var slot = -1
    var tf = 0.0
    for i in first[c]..<first[c + 1] {
      let cursor = cursors[i]
      if cursor.field != slot {
        if tf > 0 { w += weighted(tf, slot, doc) }
        slot = cursor.field
        tf = 0
      }
      let docs = fields[slot].docs
      var k = cursor.at
      if k < cursor.end, docs[k] < doc {
        k = ClauseScorer.advance(docs[..<cursor.end], from: k, to: doc)
        cursors[i].at = k
      }
      guard k < cursor.end, docs[k] == doc else { continue }
      if let phrase = cursor.phrase {
        tf += cursor.weight * Double(StemPostings.phraseCount(phrases[phrase], in: doc))
      } else {
        let starts = fields[slot].starts
        let j = cursor.startsBase + (k - cursor.base)
        tf += cursor.weight * Double(starts[j + 1] - starts[j])
      }
    }
    if tf > 0 { w += weighted(tf, slot, doc) }
    for (docs, weight) in facets[c] where ClauseScorer.contains(docs, doc) {
      w += weight * TextField.summary.weight
    }
    guard w > 0 else { return 0 }
    return idfs[c] * w * (Clause.k1 + 1) / (Clause.k1 + w)
  }

  /// A field's term frequency weighted by the field and normalised by the entry's length in it.
  private func weighted(_ tf: Double, _ slot: Int, _ doc: Int32) -> Double {
    let f = fields[slot]
    let norm = 1 - Clause.b + Clause.b * Double(f.lengths[Int(doc)]) / f.average
    return f.field.weight * tf / norm
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
