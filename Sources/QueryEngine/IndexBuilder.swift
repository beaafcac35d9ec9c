import KnowledgeModel

/// Accumulates postings entry by entry, in entry order, so every list comes out sorted.
struct IndexBuilder {
  let count: Int
  var folding = TextFolding()
  let stemmer = Stemmer()
  var wordNumbers: [String: Int32] = [:]
  var wordStems: [Int32] = []
  var stems: [String: Int32] = [:]
  var text = [FieldLists](repeating: FieldLists(), count: TextField.allCases.count)
  var facets: [Facet: ValuePostings] = [:]
  var ids = ValuePostings()
  var related = ValuePostings()
  var extras: [String: ValuePostings] = [:]
  var dateLower: [Int32] = []
  var dateUpper: [Int32] = []

  init(count: Int) {
    self.count = count
    dateLower.reserveCapacity(count)
    dateUpper.reserveCapacity(count)
  }

  mutating func add(_ entry: Entry, _ doc: Int32) {
    addText(entry.title, .title, doc)
    addText(entry.summary ?? "", .summary, doc)
    addText(entry.body, .body, doc)
    let sources = entry.sources.map { $0.title + " " + ($0.url ?? "") }.joined(separator: " \n ")
    addText(sources, .source, doc)
    for facet in Facet.allCases {
      for value in facet.values(of: entry) {
        facets[facet, default: ValuePostings()].add(
          value, doc: doc, hierarchical: facet.isHierarchical)
      }
    }
    ids.add(entry.id, doc: doc, hierarchical: false)
    for r in entry.related { related.add(r, doc: doc, hierarchical: false) }
    for key in entry.extraKeys {
      for value in entry.extraValues[key]?.values ?? [] {
        extras[key.lowercased(), default: ValuePostings()].add(value, doc: doc, hierarchical: false)
      }
    }
    dateLower.append(Int32(entry.date?.lowerBound ?? 0))
    dateUpper.append(Int32(entry.date?.upperBound ?? 0))
  }

  mutating func addText(_ string: String, _ field: TextField, _ doc: Int32) {
    let words = folding.words(string)
    let f = field.rawValue
    text[f].lengths.append(Int32(words.count))
    text[f].totalLength += words.count
    for (position, word) in words.enumerated() {
      let w = number(of: word)
      let s = Int(wordStems[Int(w)])
      while text[f].docs.count <= s {
        text[f].docs.append([])
        text[f].starts.append([])
        text[f].positions.append([])
      }
      while text[f].wordDocs.count <= Int(w) { text[f].wordDocs.append([]) }
      if text[f].docs[s].last != doc {
        text[f].docs[s].append(doc)
        text[f].starts[s].append(Int32(text[f].positions[s].count))
      }
      text[f].positions[s].append(Int32(position))
      Postings.add(doc, to: &text[f].wordDocs[Int(w)])
    }
  }

  mutating func number(of word: String) -> Int32 {
    if let n = wordNumbers[word] { return n }
    let n = Int32(wordStems.count)
    wordNumbers[word] = n
    let stem = stemmer.stem(word)
    if let s = stems[stem] {
      wordStems.append(s)
    } else {
      let s = Int32(stems.count)
      stems[stem] = s
      wordStems.append(s)
    }
    return n
  }

  consuming func finish(_ entries: [Entry]) -> SearchIndex {
    for f in text.indices {
      while text[f].docs.count < stems.count {
        text[f].docs.append([])
        text[f].starts.append([])
        text[f].positions.append([])
      }
      while text[f].wordDocs.count < wordStems.count { text[f].wordDocs.append([]) }
      for s in text[f].starts.indices {
        text[f].starts[s].append(Int32(text[f].positions[s].count))
      }
    }
    let flat = text.map { $0.flattened() }
    for key in facets.keys { facets[key]!.finish() }
    for key in extras.keys { extras[key]!.finish() }
    ids.finish()
    related.finish()
    let sorted = wordNumbers.sorted { $0.key < $1.key }
    let byID = entries.indices.sorted { (entries[$0].id, $0) < (entries[$1].id, $1) }
    let titles = entries.map { $0.title.lowercased() }
    let byTitle = entries.indices.sorted {
      (titles[$0], entries[$0].id, $0) < (titles[$1], entries[$1].id, $1)
    }
    return SearchIndex(
      count: count, stems: stems, sortedWords: sorted.map(\.key),
      sortedWordNumbers: sorted.map(\.value), text: flat, facets: facets, ids: ids,
      related: related, extras: extras, dateLower: dateLower, dateUpper: dateUpper,
      titleRank: IndexBuilder.ranks(byTitle), idRank: IndexBuilder.ranks(byID),
      listing: Listing(entries, order: byTitle.map { Int32($0) }))
  }

  static func ranks(_ order: [Int]) -> [Int32] {
    var rank = [Int32](repeating: 0, count: order.count)
    for (r, doc) in order.enumerated() { rank[doc] = Int32(r) }
    return rank
  }
}

/// One text field's postings while they are being built: a growing list per stem and word.
struct FieldLists {
  var docs: [[Int32]] = []
  var starts: [[Int32]] = []
  var positions: [[Int32]] = []
  var wordDocs: [[Int32]] = []
  var lengths: [Int32] = []
  var totalLength = 0

  func flattened() -> FieldPostings {
    var field = FieldPostings()
    field.docs = PostingLists(docs)
    field.starts = PostingLists(starts)
    field.positions = PostingLists(positions)
    field.wordDocs = PostingLists(wordDocs)
    field.lengths = lengths
    field.totalLength = totalLength
    return field
  }
}
