import Foundation
import KnowledgeModel

/// Accumulates postings entry by entry, in entry order, so every list comes out sorted.
///
/// An index is built in shards on every core (`build`): each shard indexes a run of entries with
/// words numbered in the order it meets them; the shards are then joined in entry order, each
/// shard's word numbers mapped to the joined numbering, which is the order in which one builder
/// would have met them, so the index is the same whichever number of shards made it.
struct IndexBuilder {
  let count: Int
  var folding = TextFolding()
  var wordNumbers: [String: Int32] = [:]
  /// Words by number, in the order first met.
  var words: [String] = []
  var text = [FieldLists](repeating: FieldLists(), count: TextField.allCases.count)
  var facets: [Facet: ValuePostings.Builder] = [:]
  var ids = ValuePostings.Builder()
  var related = ValuePostings.Builder()
  var extras: [String: ValuePostings.Builder] = [:]
  var dateLower: [Int32] = []
  var dateUpper: [Int32] = []
  /// Each entry's id, lower-cased title and listed fields, for the orders and the listing.
  var entryIDs: [String] = []
  var lowerTitles: [String] = []
  var rows: [Listing.Row] = []

  init(count: Int) {
    self.count = count
  }

  /// Builds the index of `entries` in shards on every core, then joins them (`shards` says how
  /// many, for tests).
  static func build(_ entries: EntryList, progress: LoadProgress? = nil, shards: Int? = nil)
    -> SearchIndex
  {
    let n = entries.count
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let shardCount = max(1, min(n, shards ?? (n < 4096 ? 1 : min(64, max(2, cores * 4)))))
    let bounds = (0...shardCount).map { $0 * n / shardCount }
    var shards = [IndexBuilder?](repeating: nil, count: shardCount)
    shards.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let slots = buffer
      DispatchQueue.concurrentPerform(iterations: shardCount) { s in
        var shard = IndexBuilder(count: n)
        for i in bounds[s]..<bounds[s + 1] {
          shard.add(entries[i], Int32(i))
          progress?.advance()
        }
        slots[s] = shard
      }
    }
    var joined = shards[0]!
    shards[0] = nil
    for s in 1..<shardCount {
      joined.absorb(shards[s]!)
      shards[s] = nil
    }
    return (consume joined).finish()
  }

  mutating func add(_ entry: Entry, _ doc: Int32) {
    addText(entry.title, .title, doc)
    addText(entry.summary ?? "", .summary, doc)
    addText(entry.body, .body, doc)
    let sources = entry.sources.map { $0.title + " " + ($0.url ?? "") }.joined(separator: " \n ")
    addText(sources, .source, doc)
    for facet in Facet.allCases {
      for value in facet.values(of: entry) {
        facets[facet, default: ValuePostings.Builder()].add(
          value, doc: doc, hierarchical: facet.isHierarchical)
      }
    }
    ids.add(entry.id, doc: doc, hierarchical: false)
    for r in entry.related { related.add(r, doc: doc, hierarchical: false) }
    for key in entry.extraKeys {
      for value in entry.extraValues[key]?.values ?? [] {
        extras[key.lowercased(), default: ValuePostings.Builder()].add(
          value, doc: doc, hierarchical: false)
      }
    }
    dateLower.append(Int32(entry.date?.lowerBound ?? 0))
    dateUpper.append(Int32(entry.date?.upperBound ?? 0))
    entryIDs.append(entry.id)
    lowerTitles.append(entry.title.lowercased())
    rows.append(Listing.Row(entry))
  }

  mutating func addText(_ string: String, _ field: TextField, _ doc: Int32) {
    let words = folding.words(string)
    let f = field.rawValue
    text[f].lengths.append(Int32(words.count))
    text[f].totalLength += words.count
    for word in words { text[f].tokens.append(number(of: word)) }
  }

  mutating func number(of word: String) -> Int32 {
    if let n = wordNumbers[word] { return n }
    let n = Int32(words.count)
    wordNumbers[word] = n
    words.append(word)
    return n
  }

  /// Adds the shard that indexed the entries after this one's.
  mutating func absorb(_ shard: consuming IndexBuilder) {
    // The shard's word numbers in this numbering, new words numbered in the order met.
    let map = shard.words.map { number(of: $0) }
    for f in text.indices {
      var tokens = shard.text[f].tokens
      shard.text[f].tokens = []
      tokens.withUnsafeMutableBufferPointer { t in
        for i in t.indices { t[i] = map[Int(t[i])] }
      }
      text[f].tokens.append(contentsOf: tokens)
      text[f].lengths.append(contentsOf: shard.text[f].lengths)
      text[f].totalLength += shard.text[f].totalLength
    }
    for (facet, values) in shard.facets {
      facets[facet, default: ValuePostings.Builder()].absorb(values)
    }
    ids.absorb(shard.ids)
    related.absorb(shard.related)
    for (key, values) in shard.extras {
      extras[key, default: ValuePostings.Builder()].absorb(values)
    }
    dateLower += shard.dateLower
    dateUpper += shard.dateUpper
    entryIDs += shard.entryIDs
    lowerTitles += shard.lowerTitles
    rows += shard.rows
  }

  consuming func finish() -> SearchIndex {
    // Stems are numbered in the order their first word was met.
    let stemmer = Stemmer()
    var stems: [String: Int32] = [:]
    var wordStems: [Int32] = []
    wordStems.reserveCapacity(words.count)
    for word in words {
      let stem = stemmer.stem(word)
      if let s = stems[stem] {
        wordStems.append(s)
      } else {
        let s = Int32(stems.count)
        stems[stem] = s
        wordStems.append(s)
      }
    }
    // The fields' words are turned into postings side by side, on every core; each field's
    // words are freed as soon as its postings are made.
    let fields = text.map(FieldBox.init)
    text = []
    var made = [FieldPostings?](repeating: nil, count: fields.count)
    let stemCount = stems.count
    let stemOfWord = wordStems
    made.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let slots = buffer
      DispatchQueue.concurrentPerform(iterations: fields.count) { f in
        slots[f] = fields[f].take().postings(wordStems: stemOfWord, stems: stemCount)
      }
    }
    let flat = made.map { $0! }
    let sorted = wordNumbers.sorted { $0.key < $1.key }
    let ids = entryIDs
    let byID = ids.indices.sorted { (ids[$0], $0) < (ids[$1], $1) }
    let titles = lowerTitles
    let byTitle = ids.indices.sorted { (titles[$0], ids[$0], $0) < (titles[$1], ids[$1], $1) }
    let titleOrder = byTitle.map { Int32($0) }
    let parts = IndexParts(
      file: nil, stems: Memo(value: stems),
      words: Memo(value: IndexParts.Words(sorted: sorted.map(\.key), numbers: sorted.map(\.value))),
      text: flat.map { Memo(value: $0) }, facets: facets.mapValues { Memo(value: $0.finish()) },
      ids: Memo(value: self.ids.finish()), related: Memo(value: related.finish()),
      extras: extras.mapValues { Memo(value: $0.finish()) }, dateLower: Memo(value: dateLower),
      dateUpper: Memo(value: dateUpper), titleRank: Memo(value: IndexBuilder.ranks(byTitle)),
      idRank: Memo(value: IndexBuilder.ranks(byID)), titleOrder: Memo(value: titleOrder),
      listing: Memo(value: Listing(rows: rows, order: titleOrder)),
      maxImpact: Memo(value: IndexBuilder.maxImpacts(flat, stems: stems.count, count: count)))
    return SearchIndex(count: count, parts: parts)
  }

  /// For each stem, the largest BM25F weight (before saturation) any entry gives it over the
  /// standard fields, rounded up to a `Float`; with each field's average length from
  /// `averages` (by field number) when given, else from the postings.
  static func maxImpacts(
    _ text: [FieldPostings], stems: Int, count: Int, averages: [Double]? = nil
  ) -> [Float] {
    var sum = [Double](repeating: 0, count: count)
    var touched: [Int] = []
    var out = [Float](repeating: 0, count: stems)
    for s in 0..<stems {
      for field in TextField.standard {
        let postings = text[field.rawValue]
        let average = averages?[field.rawValue] ?? postings.averageLength
        let list = postings.docs[s]
        let starts = postings.starts[s]
        for k in 0..<list.count {
          let d = Int(list[k])
          if sum[d] == 0 { touched.append(d) }
          let tf = Double(starts[k + 1] - starts[k])
          let norm = 1 - Clause.b + Clause.b * Double(postings.lengths[d]) / average
          sum[d] += field.weight * tf / norm
        }
      }
      var most = 0.0
      for d in touched {
        most = max(most, sum[d])
        sum[d] = 0
      }
      touched.removeAll(keepingCapacity: true)
      out[s] = Float(most).nextUp
    }
    return out
  }

  /// Each entry's place in `order` (entry numbers).
  static func ranks<Number: BinaryInteger>(_ order: [Number]) -> [Int32] {
    var rank = [Int32](repeating: 0, count: order.count)
    for (r, doc) in order.enumerated() { rank[Int(doc)] = Int32(r) }
    return rank
  }
}

/// A field's words, handed to the thread that makes its postings, and let go by it.
private final class FieldBox: @unchecked Sendable {
  private var lists: FieldLists?

  init(_ lists: FieldLists) { self.lists = lists }

  /// The words; the box keeps no reference to them after.
  func take() -> FieldLists {
    defer { lists = nil }
    return lists!
  }
}

/// One text field while the index is being built: the number of every word, entry after entry
/// (a flat stream, appended to as entries come). The postings are made from it in one go at the
/// end, by counting then filling, so no list is grown word by word and no list of lists is ever
/// held beside the flat postings.
struct FieldLists {
  /// Word numbers, entry after entry; entry `d`'s are the `lengths[d]` after those before it.
  var tokens: [Int32] = []
  var lengths: [Int32] = []
  var totalLength = 0

  /// The postings: by stem, the entries and each one's positions; by word, the entries.
  func postings(wordStems: [Int32], stems stemCount: Int) -> FieldPostings {
    let wordCount = wordStems.count
    // Pass 1: how long each list will be.
    var positionCount = [Int32](repeating: 0, count: stemCount)
    var docCount = [Int32](repeating: 0, count: stemCount)
    var wordDocCount = [Int32](repeating: 0, count: wordCount)
    var lastDoc = [Int32](repeating: -1, count: stemCount)
    var lastWordDoc = [Int32](repeating: -1, count: wordCount)
    forEachToken(wordStems) { doc, _, word, stem in
      positionCount[stem] += 1
      if lastDoc[stem] != doc {
        lastDoc[stem] = doc
        docCount[stem] += 1
      }
      if lastWordDoc[word] != doc {
        lastWordDoc[word] = doc
        wordDocCount[word] += 1
      }
    }
    // Pass 2: fill each list from where it begins.
    var positions = PostingLists.Filling(counts: positionCount)
    var docs = PostingLists.Filling(counts: docCount)
    var starts = PostingLists.Filling(counts: docCount.map { $0 + 1 })
    var wordDocs = PostingLists.Filling(counts: wordDocCount)
    lastDoc = [Int32](repeating: -1, count: stemCount)
    lastWordDoc = [Int32](repeating: -1, count: wordCount)
    forEachToken(wordStems) { doc, position, word, stem in
      if lastDoc[stem] != doc {
        lastDoc[stem] = doc
        docs.append(doc, to: stem)
        starts.append(positions.filled(stem), to: stem)
      }
      positions.append(position, to: stem)
      if lastWordDoc[word] != doc {
        lastWordDoc[word] = doc
        wordDocs.append(doc, to: word)
      }
    }
    for stem in 0..<stemCount { starts.append(positionCount[stem], to: stem) }
    var field = FieldPostings()
    field.docs = docs.lists
    field.starts = starts.lists
    field.positions = positions.lists
    field.wordDocs = wordDocs.lists
    field.lengths = lengths
    field.totalLength = totalLength
    return field
  }

  /// Calls `body(entry, position, word, stem)` for every word, in entry order.
  private func forEachToken(_ wordStems: [Int32], _ body: (Int32, Int32, Int, Int) -> Void) {
    var next = 0
    tokens.withUnsafeBufferPointer { tokens in
      wordStems.withUnsafeBufferPointer { stemOf in
        for (doc, length) in lengths.enumerated() {
          for position in 0..<Int(length) {
            let word = Int(tokens[next + position])
            body(Int32(doc), Int32(position), word, Int(stemOf[word]))
          }
          next += Int(length)
        }
      }
    }
  }
}
