import Foundation
import KnowledgeModel

/// How alike other entries are to one entry, after Lucene's MoreLikeThis: the entry's most
/// distinctive words (by tf-idf) become a ranked query, and its tags, outcomes, offices and
/// `related` links add their own share.
///
/// Each entry's likeness is the sum of three parts:
/// - words: its BM25F score for the chosen words (each weighted by its tf-idf against the best),
///   divided by the score the entry itself gets, so 1 is "as close as the entry to itself";
/// - values: the weight of the tag, outcome and office paths (and their ancestors) it shares,
///   each weighted by how rare it is, divided by the weight of all the entry's own (tags count
///   twice as much as outcomes and offices), so 1 is "every value shared";
/// - links: 0.5 when either entry names the other under `related`.
struct MoreLikeThis {
  let index: SearchIndex
  let entries: EntryList

  /// Lucene's defaults where they fit a knowledge base of tens to thousands of entries: a word
  /// must occur at least twice in the entry, in at least one other entry and in at most half of
  /// them, have three letters or more and not be only digits; the best 25 are kept.
  static let minTermFrequency = 2
  static let maxQueryTerms = 25
  static let minWordLength = 3
  static let linkWeight = 0.5
  /// English function words, never distinctive (Lucene's English stop set and a few more).
  static let stopWords: Set<String> = [
    "and", "are", "but", "for", "into", "not", "such", "that", "the", "their", "then", "there",
    "these", "they", "this", "was", "will", "with", "has", "have", "had", "which", "were", "been",
    "its", "from", "can", "also", "more", "than", "who", "what", "when", "how", "our", "you",
    "one", "all", "any", "may", "would", "could", "should", "about", "after", "other", "each",
    "them", "where", "while", "most", "some", "only", "does", "did", "out", "over", "same",
  ]

  struct Likeness: Sendable {
    /// Entry numbers, sorted, of every entry with some likeness (never the entry itself).
    var docs: [Int32]
    /// Likeness of each entry in `docs`.
    var scores: [Double]
    /// The words chosen, most distinctive first.
    var words: [String]
  }

  func likeness(to target: Int) -> Likeness {
    let (stems, words) = distinctiveStems(of: target)
    var score = [Double](repeating: 0, count: index.count)
    // Words: one BM25F query, each word weighted by its tf-idf against the best, scored against
    // the entry's own score.
    if let best = stems.first?.weight {
      let docs = Postings.union(stems.map { index.docs(withStem: $0.stem) }, count: index.count)
      let scores = Ranking(index: index).weightedScores(
        docs, terms: stems.map { (TextField.standard, .stem($0.stem)) },
        weights: stems.map { $0.weight / best })
      let own = zip(docs, scores).first { $0.0 == Int32(target) }?.1 ?? 0
      if own > 0 { for (doc, s) in zip(docs, scores) { score[Int(doc)] += min(1, s / own) } }
    }
    // Values: shared paths of tags, outcomes and offices, rarer ones weighing more.
    let entry = entries[target]
    let n = Double(index.count)
    var total = 0.0
    var shared = [Double](repeating: 0, count: index.count)
    for (facet, weight) in [(Facet.tag, 1.0), (.outcome, 0.5), (.office, 0.5)] {
      guard let postings = index.facet(facet) else { continue }
      for path in Self.paths(facet.values(of: entry)) {
        let docs = postings.path(path) ?? []
        let w = weight * log(1 + n / Double(max(1, docs.count)))
        total += w
        for doc in docs { shared[Int(doc)] += w }
      }
    }
    if total > 0 { for d in shared.indices where shared[d] > 0 { score[d] += shared[d] / total } }
    // Links, either way.
    for doc in linked(to: target) { score[Int(doc)] += Self.linkWeight }
    score[target] = 0
    var docs: [Int32] = []
    var scores: [Double] = []
    for d in score.indices where score[d] > 0 {
      docs.append(Int32(d))
      scores.append(score[d])
    }
    return Likeness(docs: docs, scores: scores, words: words)
  }

  /// Every path of the values and each of their ancestors, lower-cased, once.
  static func paths(_ values: [String]) -> [String] {
    var out: [String] = []
    for value in values {
      var path = ""
      for segment in value.lowercased().split(separator: "/", omittingEmptySubsequences: false) {
        path = path.isEmpty ? String(segment) : path + "/" + segment
        if !out.contains(path) { out.append(path) }
      }
    }
    return out
  }

  /// The entry's most distinctive stems with their tf-idf, best first, and a word written for
  /// each (for `explain`).
  func distinctiveStems(of target: Int) -> (stems: [(stem: String, weight: Double)], [String]) {
    let entry = entries[target]
    var folding = TextFolding()
    let stemmer = Stemmer()
    var frequency: [String: Int] = [:]
    var written: [String: String] = [:]
    for text in [entry.title, entry.summary ?? "", entry.body] {
      for word in folding.words(text)
      where word.count >= Self.minWordLength && !word.allSatisfy(\.isNumber)
        && !Self.stopWords.contains(word)
      {
        let stem = stemmer.stem(word)
        frequency[stem, default: 0] += 1
        if written[stem] == nil { written[stem] = word }
      }
    }
    let n = Double(index.count)
    var scored: [(stem: String, weight: Double)] = []
    for (stem, tf) in frequency where tf >= Self.minTermFrequency {
      let df = index.docs(withStem: stem).count
      guard df >= 2, Double(df) <= max(2, n / 2) else { continue }
      scored.append((stem, Double(tf) * (1 + log(n / Double(df + 1)))))
    }
    scored.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.stem < $1.stem }
    let kept = Array(scored.prefix(Self.maxQueryTerms))
    return (kept, kept.map { written[$0.stem]! })
  }

  /// Entries that name the target under `related`, or that it names.
  func linked(to target: Int) -> [Int32] {
    let entry = entries[target]
    let ids = index.ids
    var out = index.related.exact(entry.id.lowercased()) ?? []
    for id in entry.related { out += ids.exact(id.lowercased()) ?? [] }
    return Array(Set(out))
  }
}

extension SearchIndex {
  /// The entries whose title, summary or body holds the stem, sorted.
  func docs(withStem stem: String) -> [Int32] {
    guard let s = stems[stem].map(Int.init) else { return [] }
    return Postings.union(TextField.standard.map { text($0).docs[s].array }, count: count)
  }
}

extension Searcher {
  /// The ids of the entries most like entry `id`, most alike first, leaving out the entry's own
  /// curated `related` links (which `show` lists already); empty for an unknown id. What `show`
  /// lists under "Related" as similar.
  public func mostSimilar(to id: String, limit: Int = 3) -> [String] {
    soundly { similar(to: id, limit: limit) }
  }

  private func similar(to id: String, limit: Int) -> [String] {
    guard let doc = index.ids.exact(id.lowercased())?.first else { return [] }
    let entries = knowledgeBase.entries
    let curated = Set(entries[Int(doc)].related.map { $0.lowercased() })
    let likeness = MoreLikeThis(index: index, entries: entries).likeness(to: Int(doc))
    let hits = Ranking(index: index).ranked(likeness.docs, terms: [], likeness: [likeness])
    return hits.lazy.map { entries[$0.entry].id }.filter { !curated.contains($0.lowercased()) }
      .prefix(limit).map { $0 }
  }
}
