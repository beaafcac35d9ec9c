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
  /// Words by number, in the order first met.
  var words = WordTable()
  var text = [FieldLists](repeating: FieldLists(), count: TextField.allCases.count)
  /// Each field's word streams of the shards absorbed, after this builder's own (`text`).
  var absorbed = [[FieldRuns.Run]](repeating: [], count: TextField.allCases.count)
  var facets: [Facet: ValuePostings.Builder] = [:]
  var ids = ValuePostings.Builder()
  var related = ValuePostings.Builder()
  var extras: [String: ValuePostings.Builder] = [:]
  /// The value fields of the shards absorbed, joined to this builder's in the last steps.
  var absorbedValues: [ValueBuilders] = []
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
    joinedShards(entries, progress: progress, shards: shards).finish()
  }

  /// Builds the index of `entries` as `build` does, written to `w` as it is made (see
  /// `finish(writingTo:pieceBytes:)`).
  static func write(
    _ entries: EntryList, to w: inout IndexFileWriter, pieceBytes: Int,
    progress: LoadProgress? = nil, shards: Int? = nil
  ) {
    joinedShards(entries, progress: progress, shards: shards).finish(
      writingTo: &w, pieceBytes: pieceBytes)
  }

  /// The shards of `entries`, each built on a core, joined.
  private static func joinedShards(_ entries: EntryList, progress: LoadProgress?, shards: Int?)
    -> IndexBuilder
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
        entries.forEach(in: bounds[s]..<bounds[s + 1]) { i, entry in
          shard.add(entry, Int32(i))
          progress?.advance()
        }
        shard.fitStreams()
        slots[s] = shard
      }
    }
    var joined = shards[0]!
    shards[0] = nil
    for s in 1..<shardCount {
      joined.absorb(shards[s]!)
      shards[s] = nil
    }
    // What the shards of a large build freed (the entries they read, their streams' growth,
    // their word tables) is given back before the postings are made. (Not for a small one: it
    // would cost a walk of the whole heap of a process that holds much, such as a daemon
    // merging one entry.)
    if shardCount > 1 { ProcessMemory.giveBack() }
    return joined
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
    let f = field.rawValue
    let before = text[f].tokens.count
    var string = string
    // ASCII text goes from its bytes to word numbers; other text is folded scalar by scalar.
    let ascii = string.withUTF8 { bytes in
      TextFolding.forEachASCIIWord(bytes) { text[f].tokens.append(words.number(of: $0)) }
    }
    if !ascii {
      for word in folding.words(string) { text[f].tokens.append(words.number(of: word)) }
    }
    let length = text[f].tokens.count - before
    text[f].lengths.append(Int32(length))
    text[f].totalLength += length
  }

  /// Copies each field's word stream to an array of its size (one grown word by word has up
  /// to twice the room it uses, and the streams are held until every posting is made).
  mutating func fitStreams() {
    for f in text.indices {
      text[f].tokens = text[f].tokens.withUnsafeBufferPointer { Array($0) }
    }
  }

  /// Adds the shard that indexed the entries after this one's.
  mutating func absorb(_ shard: consuming IndexBuilder) {
    // The shard's word numbers in this numbering, new words numbered in the order met.
    let map = shard.words.words.map { words.number(of: $0) }
    // Its words stay as they are, with the map: they are turned into postings beside the
    // others', on every core (`FieldRuns`).
    let firstDoc = Int32(dateLower.count)
    for f in text.indices {
      absorbed[f].append(FieldRuns.Run(lists: shard.text[f], words: map, firstDoc: firstDoc))
      shard.text[f] = FieldLists()
    }
    absorbedValues.append(
      ValueBuilders(
        facets: shard.facets, ids: shard.ids, related: shard.related, extras: shard.extras))
    dateLower += shard.dateLower
    dateUpper += shard.dateUpper
    entryIDs += shard.entryIDs
    lowerTitles += shard.lowerTitles
    rows += shard.rows
  }

  consuming func finish() -> SearchIndex {
    let (stems, wordStems) = stemWords()
    // Field after field, each on every core; each field's words are freed as soon as its
    // postings are made.
    var fields = takeFields()
    var made: [FieldPostings?] = []
    for f in fields.indices {
      made.append(fields[f].postings(wordStems: wordStems, stems: stems.count))
      fields[f] = FieldRuns()
    }
    let flat = made.map { $0! }
    let done = lastSteps(impacts: flat, stems: stems.count)
    return assemble(stems: stems, text: flat, done, maxImpact: done.lowImpacts + done.highImpacts)
  }

  /// Finishes the index as `finish` does, written to `w` as `SearchIndex.write` writes it (the
  /// same bytes), without ever holding the whole of it: the large text fields are made and
  /// written a range of stems at a time (`FieldRuns.write`), about `pieceBytes` at once, and
  /// the impacts computed from each range before it goes.
  consuming func finish(writingTo w: inout IndexFileWriter, pieceBytes: Int) {
    let count = count
    let (stems, wordStems) = stemWords()
    var fields = takeFields()
    // Only the lengths of each field are needed beside the head and the tail.
    let lengths = fields.map { field in
      var postings = FieldPostings()
      (postings.lengths, postings.totalLength) = field.lengths
      return postings
    }
    var impacts = [Float](repeating: 0, count: stems.count)
    // The text first, while nothing else is held: title and summary are held (they are
    // small) until the body's impacts are known.
    var held = lengths
    for field in TextField.allCases {
      let f = field.rawValue
      let name = "text.\(f)"
      if field == .body {
        fields[f].write(
          name, to: &w, wordStems: wordStems, stems: stems.count, pieceBytes: pieceBytes
        ) { part, range in
          var withPart = held
          withPart[f] = part
          let text = withPart
          let first = TextField.allCases.map { $0 == .body ? range.lowerBound : 0 }
          let halves = [
            range.lowerBound, (range.lowerBound + range.upperBound) / 2, range.upperBound,
          ]
          let made = FieldRuns.onEveryCore(2) { h in
            IndexBuilder.maxImpacts(
              text, stems: halves[h]..<halves[h + 1], count: count, firstStems: first)
          }
          impacts.replaceSubrange(range, with: made.joined())
        }
      } else {
        let postings = fields[f].postings(wordStems: wordStems, stems: stems.count)
        postings.write(name, to: &w)
        if TextField.standard.contains(field) {
          // The impacts read only the entries, starts and lengths.
          held[f].docs = postings.docs
          held[f].starts = postings.starts
        }
      }
      fields[f] = FieldRuns()
    }
    held = []
    fields = []
    // The word streams, the most this build held, go back before the rest is made.
    ProcessMemory.giveBack()
    // Then the rest, as `finish` makes it.
    let done = lastSteps(impacts: nil, stems: stems.count)
    let written = assemble(stems: stems, text: lengths, done, maxImpact: [])
    LoadProgress.shared.begin(.writing)
    written.writeHead(to: &w)
    written.writeTail(to: &w, maxImpact: impacts)
  }

  /// Each word's stem number, and the stems numbered in the order their first word was met;
  /// the words are stemmed in parts on every core.
  private func stemWords() -> (stems: [String: Int32], wordStems: [Int32]) {
    let wordList = words.words
    let stemParts = wordList.count < 4096 ? 1 : 8
    let stemmed = FieldRuns.onEveryCore(stemParts) { part in
      let stemmer = Stemmer()
      let range = (part * wordList.count / stemParts)..<((part + 1) * wordList.count / stemParts)
      return wordList[range].map { stemmer.stem($0) }
    }
    var stems: [String: Int32] = [:]
    stems.reserveCapacity(wordList.count)
    var wordStems: [Int32] = []
    wordStems.reserveCapacity(wordList.count)
    for stem in stemmed.joined() {
      if let s = stems[stem] {
        wordStems.append(s)
      } else {
        let s = Int32(stems.count)
        stems[stem] = s
        wordStems.append(s)
      }
    }
    return (stems, wordStems)
  }

  /// Every field's word streams, this builder's and the shards', handed over, every word in
  /// the joined numbering.
  private mutating func takeFields() -> [FieldRuns] {
    var fields = text.indices.map { f in
      FieldRuns(runs: [FieldRuns.Run(lists: text[f], words: nil, firstDoc: 0)] + absorbed[f])
    }
    text = []
    absorbed = []
    for f in fields.indices { fields[f].joinWords() }
    return fields
  }

  /// The word list, the orders with the listing, the value fields and, given the text
  /// postings, the impacts: they do not depend on one another, so they are made side by side.
  private mutating func lastSteps(impacts text: [FieldPostings]?, stems stemCount: Int)
    -> Finished
  {
    let done = Finished()
    let wordList = words.words
    let (ids, titles, rows) = (entryIDs, lowerTitles, rows)
    let ownValues = ValueBuilders(facets: facets, ids: self.ids, related: related, extras: extras)
    let builders = [ownValues] + absorbedValues
    absorbedValues = []
    let count = count
    // The longest first, so that no core is left with a long one at the end: the title order
    // and the listing laid out in it; the impacts in two halves of the stems; the ids (one
    // value per entry) apart from the other values, and their order apart from the titles'.
    let half = stemCount / 2
    DispatchQueue.concurrentPerform(iterations: 7) { task in
      switch task {
      case 0:
        let byTitle = IndexBuilder.order(titles, then: ids)
        let titleOrder = byTitle.map { Int32($0) }
        done.titles = (
          IndexBuilder.ranks(byTitle), titleOrder, Listing(rows: rows, order: titleOrder)
        )
      case 6:
        done.idRank = IndexBuilder.ranks(IndexBuilder.order(ids))
      case 1:
        guard let text else { return }
        done.lowImpacts = IndexBuilder.maxImpacts(text, stems: 0..<half, count: count)
      case 2:
        guard let text else { return }
        done.highImpacts = IndexBuilder.maxImpacts(text, stems: half..<stemCount, count: count)
      case 3:
        var ids = builders[0].ids
        for later in builders.dropFirst() { ids.absorb(later.ids) }
        done.ids = ids.finish()
      case 4:
        var joined = builders[0]
        for later in builders.dropFirst() {
          for (facet, values) in later.facets {
            joined.facets[facet, default: ValuePostings.Builder()].absorb(values)
          }
          joined.related.absorb(later.related)
          for (key, values) in later.extras {
            joined.extras[key, default: ValuePostings.Builder()].absorb(values)
          }
        }
        done.values = (
          joined.facets.mapValues { $0.finish() }, joined.related.finish(),
          joined.extras.mapValues { $0.finish() }
        )
      default:
        let sorted = IndexBuilder.order(wordList)
        done.words = IndexParts.Words(
          sorted: sorted.map { wordList[$0] }, numbers: sorted.map { Int32($0) })
      }
    }
    return done
  }

  /// The index of these parts.
  private func assemble(
    stems: [String: Int32], text: [FieldPostings], _ done: Finished, maxImpact: [Float]
  ) -> SearchIndex {
    let titles = done.titles!
    let values = done.values!
    let parts = IndexParts(
      file: nil, stems: Memo(value: stems), words: Memo(value: done.words!),
      text: text.map { Memo(value: $0) }, facets: values.facets.mapValues { Memo(value: $0) },
      ids: Memo(value: done.ids!), related: Memo(value: values.related),
      extras: values.extras.mapValues { Memo(value: $0) }, dateLower: Memo(value: dateLower),
      dateUpper: Memo(value: dateUpper), titleRank: Memo(value: titles.rank),
      idRank: Memo(value: done.idRank), titleOrder: Memo(value: titles.order),
      listing: Memo(value: titles.listing), maxImpact: Memo(value: maxImpact))
    return SearchIndex(count: count, parts: parts)
  }

  /// For each stem of `stems`, the largest BM25F weight (before saturation) any entry gives it
  /// over the standard fields, rounded up to a `Float`; with each field's average length from
  /// `averages` (by field number) when given, else from the postings. A field's list `0` is
  /// stem `firstStems[field]` when given (a field whose lists are a range of the stems').
  static func maxImpacts(
    _ text: [FieldPostings], stems: Range<Int>, count: Int, averages: [Double]? = nil,
    firstStems: [Int]? = nil
  ) -> [Float] {
    // Each standard field's lists, lengths and constants, taken once.
    let fields = TextField.standard.map { field in
      let postings = text[field.rawValue]
      return ImpactField(
        docs: postings.docs.arrays(), starts: postings.starts.arrays(),
        lengths: postings.lengths, average: averages?[field.rawValue] ?? postings.averageLength,
        first: firstStems?[field.rawValue] ?? 0, weight: field.weight)
    }
    precondition(fields.count == 3, "the standard fields are title, summary and body")
    var out = [Float](repeating: 0, count: stems.count)
    fields[0].withBuffers { title in
      fields[1].withBuffers { summary in
        fields[2].withBuffers { body in
          for s in stems {
            out[s - stems.lowerBound] = ImpactField.most(s, title, summary, body)
          }
        }
      }
    }
    return out
  }

  /// The numbers of `keys` in the order of `(keys[i], then?[i], i)` by `String`'s `<`.
  ///
  /// When every key is ASCII, each is first compared by its first eight bytes as one number
  /// (for ASCII, the order of bytes is `String`'s), and as strings only when those are equal:
  /// sorting a million titles or words spent most of its time in `String` comparisons.
  static func order(_ keys: [String], then: [String]? = nil) -> [Int] {
    var prefixes = [UInt64](repeating: 0, count: keys.count)
    var ascii = true
    for i in keys.indices {
      var key = keys[i]
      key.withUTF8 { bytes in
        var prefix: UInt64 = 0
        for k in 0..<8 { prefix = prefix << 8 | UInt64(k < bytes.count ? bytes[k] : 0) }
        prefixes[i] = prefix
        if ascii, !bytes.allSatisfy({ $0 < 0x80 }) { ascii = false }
      }
    }
    func byStrings(_ a: Int, _ b: Int) -> Bool {
      if keys[a] != keys[b] { return keys[a] < keys[b] }
      if let then, then[a] != then[b] { return then[a] < then[b] }
      return a < b
    }
    guard ascii else { return keys.indices.sorted(by: byStrings) }
    return prefixes.withUnsafeBufferPointer { prefixes in
      keys.indices.sorted { a, b in
        prefixes[a] != prefixes[b] ? prefixes[a] < prefixes[b] : byStrings(a, b)
      }
    }
  }

  /// Each entry's place in `order` (entry numbers).
  static func ranks<Number: BinaryInteger>(_ order: [Number]) -> [Int32] {
    var rank = [Int32](repeating: 0, count: order.count)
    for (r, doc) in order.enumerated() { rank[Int(doc)] = Int32(r) }
    return rank
  }
}

/// One builder's value fields.
struct ValueBuilders: Sendable {
  var facets: [Facet: ValuePostings.Builder]
  var ids: ValuePostings.Builder
  var related: ValuePostings.Builder
  var extras: [String: ValuePostings.Builder]
}

/// What the last steps of `finish` make side by side, each on its own thread (each writes its
/// own property, and all are read after every thread is done).
private final class Finished: @unchecked Sendable {
  var words: IndexParts.Words?
  var titles: (rank: [Int32], order: [Int32], listing: Listing)?
  var idRank: [Int32] = []
  var ids: ValuePostings?
  var values:
    (facets: [Facet: ValuePostings], related: ValuePostings, extras: [String: ValuePostings])?
  /// The stems' impacts, in two halves.
  var lowImpacts: [Float] = []
  var highImpacts: [Float] = []
}

/// One text field of one builder while the index is being built: the number of every word,
/// entry after entry (a flat stream, appended to as entries come), in the builder's own numbering
/// of words.
struct FieldLists {
  /// Word numbers, entry after entry; entry `d`'s are the `lengths[d]` after those before it.
  var tokens: [Int32] = []
  var lengths: [Int32] = []
  var totalLength = 0
}

/// A field's word streams from every shard, in entry order, turned into postings together.
///
/// The postings are made by counting then filling, so no list is grown word by word and no list
/// of lists is ever held beside the flat postings. Both passes run on every core, a shard's
/// stream at a time: each shard counts its own words, and from the counts each shard learns
/// where its part of every list begins, so the shards fill the lists side by side and the lists
/// come out as one builder would have made them.
struct FieldRuns {
  /// One shard's stream, with the number of its first entry and, until `joinWords`, its
  /// words' numbers in the joined numbering (nil when the stream has them already).
  struct Run {
    var lists: FieldLists
    var words: [Int32]?
    var firstDoc: Int32
  }

  var runs: [Run] = []

  /// The most ranges `write` makes a field's lists in. Each range is a pass over every word of
  /// the field, so more ranges would make a larger knowledge base cost more than its share:
  /// past about 16 × `pieceBytes` of lists (near 100,000 entries) the pieces grow with the
  /// lists instead, a sixteenth of them each, and the passes stay 16.
  static let mostRanges = 16

  /// Puts every stream's words in the joined numbering, in place, on every core: once, rather
  /// than looked up in each pass over the streams.
  mutating func joinWords() {
    runs.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let runs = buffer
      DispatchQueue.concurrentPerform(iterations: runs.count) { r in runs[r].joinWords() }
    }
  }

  /// The postings: by stem, the entries and each one's positions; by word, the entries.
  func postings(wordStems: [Int32], stems stemCount: Int) -> FieldPostings {
    let layout = self.layout(wordStems: wordStems, stems: stemCount)
    let piece = fill(layout, stems: 0..<stemCount, words: 0..<wordStems.count, wordStems)
    var field = FieldPostings()
    field.docs = PostingLists(offsets: layout.docs, values: piece.docs)
    field.starts = PostingLists(offsets: layout.starts, values: piece.starts)
    field.positions = PostingLists(offsets: layout.positions, values: piece.positions)
    field.wordDocs = PostingLists(offsets: layout.wordDocs, values: piece.wordDocs)
    (field.lengths, field.totalLength) = lengths
    return field
  }

  /// Each entry's length in the field, and their sum.
  var lengths: (each: [Int32], total: Int) {
    (
      runs.count == 1 ? runs[0].lists.lengths : runs.flatMap(\.lists.lengths),
      runs.reduce(0) { $0 + $1.lists.totalLength }
    )
  }

  /// The postings as `postings` makes them, written to `w` as the sections `name.…` that
  /// `FieldPostings.write` writes, but made a range of stems (and of words) at a time: each
  /// range's part of the four lists is written as soon as it is made and let go of before the
  /// next, so that about `pieceBytes` of lists are held at once rather than all of them.
  /// `each` is given each range's part of the entry and start lists (as postings whose first
  /// list is the range's first stem) before it goes.
  func write(
    _ name: String, to w: inout IndexFileWriter, wordStems: [Int32], stems stemCount: Int,
    pieceBytes: Int, each: (FieldPostings, Range<Int>) -> Void
  ) {
    let layout = self.layout(wordStems: wordStems, stems: stemCount)
    let (lengths, totalLength) = self.lengths
    var sections: [IndexFileWriter.Reserved] = []
    for (list, offsets) in [
      ("docs", layout.docs), ("starts", layout.starts), ("positions", layout.positions),
      ("wordDocs", layout.wordDocs),
    ] {
      w.add(name + "." + list + ".offsets", offsets)
      sections.append(w.reserve(name + "." + list + ".values", bytes: Int(offsets.last!) * 4))
    }
    // As many ranges as it takes to keep each piece near `pieceBytes`, but never more than
    // `mostRanges`: the stems split where their lists' sizes add up to equal shares, the words
    // likewise.
    let stemSize = { (s: Int) in
      Int(layout.docs[s]) + Int(layout.starts[s]) + Int(layout.positions[s])
    }
    let wordSize = { (word: Int) in Int(layout.wordDocs[word]) }
    let total = stemSize(stemCount) + wordSize(wordStems.count)
    let ranges = max(1, min(Self.mostRanges, total * 4 / max(1, pieceBytes)))
    let stemBounds = Self.split(stemCount, into: ranges, stemSize)
    let wordBounds = Self.split(wordStems.count, into: ranges, wordSize)
    // Each range is written, and then given to `each`, on a thread of its own while the next
    // is made on every core: writing is mostly one thread copying into the page cache, which
    // would leave the other cores idle. So two ranges are held at once, at most.
    var behind: Behind?
    let reserved = sections
    // What the lists made before held goes back to the system before the first range is made.
    // Between ranges nothing is given back: each range's lists are about the size of the one
    // before, and are made in the room it freed. (Given back, that room was asked for again a
    // page at a time: at 100,000 entries, page faults and `madvise` took 6.5% of a build's
    // samples with it and 4.8% without.)
    ProcessMemory.giveBack()
    // Every range's thread is waited for before this returns, so neither `w` nor `each`
    // outlives the call.
    withUnsafeMutablePointer(to: &w) { writer in
      withoutActuallyEscaping(each) { each in
        nonisolated(unsafe) let writer = writer
        nonisolated(unsafe) let each = each
        for k in 0..<ranges {
          let stems = stemBounds[k]..<stemBounds[k + 1]
          let piece = fill(
            layout, stems: stems, words: wordBounds[k]..<wordBounds[k + 1], wordStems)
          behind?.wait()
          var part = FieldPostings()
          part.docs = PostingLists(offsets: Self.rebased(layout.docs, stems), values: piece.docs)
          part.starts = PostingLists(
            offsets: Self.rebased(layout.starts, stems), values: piece.starts)
          part.lengths = lengths
          part.totalLength = totalLength
          behind = Behind { [piece, part] in
            for (section, values) in zip(
              reserved, [piece.docs, piece.starts, piece.positions, piece.wordDocs])
            {
              values.withUnsafeBytes { writer.pointee.fill(section, $0) }
            }
            each(part, stems)
          }
        }
        behind?.wait()
      }
    }
    w.add(name + ".lengths", lengths)
  }

  /// A range of the lists written on a thread of its own (`write`): `wait` returns once the
  /// work is done and the range (which only the work holds) is freed.
  private final class Behind: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Taken and emptied by the thread, before `done` is signalled.
    private var work: (() -> Void)?

    init(_ work: @escaping @Sendable () -> Void) {
      self.work = work
      let thread = Thread { [self] in
        Self.run(self.work.take()!)
        done.signal()
      }
      thread.start()
    }

    func wait() { done.wait() }

    /// Runs `work`, which ends here, with all it holds.
    private static func run(_ work: consuming @escaping () -> Void) { work() }
  }

  /// `0...count` cut into `parts` ranges (some perhaps empty) where `size`, which grows from
  /// `size(0) == 0` to `size(count)`, passes each equal share of `size(count)`.
  static func split(_ count: Int, into parts: Int, _ size: (Int) -> Int) -> [Int] {
    let total = size(count)
    var bounds = [0]
    var i = 0
    for k in 1..<parts {
      while i < count && size(i) * parts < total * k { i += 1 }
      bounds.append(i)
    }
    bounds.append(count)
    return bounds
  }

  /// Offsets `range.lowerBound ... range.upperBound` of `offsets`, less the first.
  private static func rebased(_ offsets: [Int32], _ range: Range<Int>) -> [Int32] {
    let base = offsets[range.lowerBound]
    return offsets[range.lowerBound...range.upperBound].map { $0 - base }
  }

  /// Where every list and every shard's part of it begin, from a count on every core.
  private func layout(wordStems: [Int32], stems stemCount: Int) -> Layout {
    let counted = Self.onEveryCore(runs.count) { r in
      runs[r].count(wordStems: wordStems, stems: stemCount)
    }
    return Layout(counted, stems: stemCount, words: wordStems.count)
  }

  /// A range of stems' parts of the entry, start and position lists, and a range of words'
  /// parts of the word lists.
  struct Piece {
    var docs: [Int32] = []
    var starts: [Int32] = []
    var positions: [Int32] = []
    var wordDocs: [Int32] = []
  }

  /// Makes the parts of the lists of `stems` and `words`: each shard fills its parts, all four
  /// lists in one walk of its words. The lists are allocated uninitialized: every place is
  /// written exactly once, by the shard whose part it is, and first touched by it (so the
  /// cores share the cost of fresh pages too).
  private func fill(
    _ layout: Layout, stems: Range<Int>, words: Range<Int>, _ wordStems: [Int32]
  ) -> Piece {
    let bases = Bases(layout, stems: stems, words: words)
    let positionTotal = Int(layout.positions[stems.upperBound]) - bases.position
    let docTotal = Int(layout.docs[stems.upperBound]) - bases.doc
    let startTotal = Int(layout.starts[stems.upperBound]) - bases.start
    let wordTotal = Int(layout.wordDocs[words.upperBound]) - bases.wordDoc
    // By word, in one number: whether it is one of the piece's words (bit 0), and, when its
    // stem is one of the piece's, that stem counted from the piece's first, plus one (the bits
    // above); each pass skips every other word, and finds a word's stem, with one read of it.
    let codes = [Int32](unsafeUninitializedCapacity: wordStems.count) { c, cCount in
      for (word, stem) in wordStems.enumerated() {
        let local = stems.contains(Int(stem)) ? (stem - Int32(stems.lowerBound) + 1) << 1 : 0
        c[word] = local | (words.contains(word) ? 1 : 0)
      }
      cCount = wordStems.count
    }
    var piece = Piece()
    piece.positions = [Int32](unsafeUninitializedCapacity: positionTotal) { p, pCount in
      piece.docs = [Int32](unsafeUninitializedCapacity: docTotal) { d, dCount in
        piece.starts = [Int32](unsafeUninitializedCapacity: startTotal) { st, stCount in
          piece.wordDocs = [Int32](unsafeUninitializedCapacity: wordTotal) { w, wCount in
            nonisolated(unsafe) let out = (p, d, st, w)
            _ = Self.onEveryCore(runs.count) { r in
              runs[r].fill(
                out, layout: layout, run: r, bases: bases, codes: codes)
            }
            // The last start of each stem: where its positions end.
            for s in stems {
              st[Int(layout.starts[s + 1]) - 1 - bases.start] =
                layout.positions[s + 1] - layout.positions[s]
            }
            wCount = wordTotal
          }
          stCount = startTotal
        }
        dCount = docTotal
      }
      pCount = positionTotal
    }
    return piece
  }

  /// The stems and words of a piece, and where its part of each list begins in the whole.
  struct Bases {
    let stems: Range<Int>
    let words: Range<Int>
    let position: Int
    let doc: Int
    let start: Int
    let wordDoc: Int

    init(_ layout: Layout, stems: Range<Int>, words: Range<Int>) {
      self.stems = stems
      self.words = words
      position = Int(layout.positions[stems.lowerBound])
      doc = Int(layout.docs[stems.lowerBound])
      start = Int(layout.starts[stems.lowerBound])
      wordDoc = Int(layout.wordDocs[words.lowerBound])
    }
  }

  /// How many positions and entries each stem has, and entries each word, in one shard's part
  /// (then, turned into cursors, where the shard's part of each list begins).
  struct Counts: Sendable {
    var positions: [Int32]
    var docs: [Int32]
    var wordDocs: [Int32]

    init(stems: Int, words: Int) {
      positions = [Int32](repeating: 0, count: stems)
      docs = [Int32](repeating: 0, count: stems)
      wordDocs = [Int32](repeating: 0, count: words)
    }
  }

  /// Where each list begins in the four flat arrays, and where each shard's part of it begins.
  struct Layout: Sendable {
    var positions: [Int32]
    var docs: [Int32]
    /// A stem's list of starts has one more than its entries: where its positions end.
    var starts: [Int32]
    var wordDocs: [Int32]
    /// By shard: where its part of each list begins.
    var cursors: [Counts]

    init(_ counted: [Counts], stems stemCount: Int, words wordCount: Int) {
      cursors = counted
      positions = Self.begin(&cursors, \.positions, lists: stemCount)
      docs = Self.begin(&cursors, \.docs, lists: stemCount)
      wordDocs = Self.begin(&cursors, \.wordDocs, lists: wordCount)
      let docs = docs
      starts = (0...stemCount).map { docs[$0] + Int32($0) }
    }

    /// Where each of `lists` lists begins (and, last, where the last ends), from every shard's
    /// count of its part (`key`); each shard's counts are made, in place, where its part of each
    /// list begins: the shards' parts one after another, in shard order. A loop over plain
    /// numbers a shard at a time, where one over lists and shards went through arrays of arrays.
    private static func begin(
      _ cursors: inout [Counts], _ key: WritableKeyPath<Counts, [Int32]>, lists: Int
    ) -> [Int32] {
      // Each list's length so far, over the shards before; in the end, its length.
      var length = [Int32](repeating: 0, count: lists)
      length.withUnsafeMutableBufferPointer { length in
        for r in cursors.indices {
          cursors[r][keyPath: key].withUnsafeMutableBufferPointer { part in
            for i in 0..<lists {
              let n = part[i]
              part[i] = length[i]
              length[i] += n
            }
          }
        }
      }
      var starts = [Int32](repeating: 0, count: lists + 1)
      for i in 0..<lists { starts[i + 1] = starts[i] + length[i] }
      starts.withUnsafeBufferPointer { starts in
        for r in cursors.indices {
          cursors[r][keyPath: key].withUnsafeMutableBufferPointer { part in
            for i in 0..<lists { part[i] += starts[i] }
          }
        }
      }
      return starts
    }
  }

  /// Runs `work` for 0..<count on every core, and returns its results in order.
  static func onEveryCore<T: Sendable>(_ count: Int, _ work: @Sendable (Int) -> T) -> [T] {
    if count == 1 { return [work(0)] }
    var results = [T?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let slots = buffer
      DispatchQueue.concurrentPerform(iterations: count) { i in slots[i] = work(i) }
    }
    return results.map { $0! }
  }
}

extension FieldRuns.Run {
  /// Puts this stream's words in the joined numbering.
  fileprivate mutating func joinWords() {
    guard let map = words else { return }
    map.withUnsafeBufferPointer { map in
      lists.tokens.withUnsafeMutableBufferPointer { tokens in
        for i in tokens.indices { tokens[i] = map[Int(tokens[i])] }
      }
    }
    words = nil
  }

  /// How long this shard's part of each list is. What a word met needs is read from one place
  /// for its word and one for its stem (one line of the processor's cache each, not one for
  /// each number), then copied out.
  fileprivate func count(wordStems: [Int32], stems: Int) -> FieldRuns.Counts {
    precondition(words == nil, "words not joined")
    // By stem: its positions, its entries, and the last entry met with it.
    let stemTally = UnsafeMutableBufferPointer<(positions: Int32, docs: Int32, lastDoc: Int32)>
      .allocate(capacity: max(1, stems))
    // By word: its stem, its entries, and the last entry met with it.
    let wordTally = UnsafeMutableBufferPointer<(stem: Int32, docs: Int32, lastDoc: Int32)>
      .allocate(capacity: max(1, wordStems.count))
    defer {
      stemTally.deallocate()
      wordTally.deallocate()
    }
    for s in 0..<stems { stemTally[s] = (0, 0, -1) }
    for (w, stem) in wordStems.enumerated() { wordTally[w] = (stem, 0, -1) }
    var next = 0
    lists.tokens.withUnsafeBufferPointer { tokens in
      for (k, length) in lists.lengths.enumerated() {
        let doc = firstDoc + Int32(k)
        for position in 0..<Int(length) {
          let word = wordTally.baseAddress! + Int(tokens[next + position])
          let stem = stemTally.baseAddress! + Int(word.pointee.stem)
          stem.pointee.positions += 1
          if stem.pointee.lastDoc != doc {
            stem.pointee.lastDoc = doc
            stem.pointee.docs += 1
          }
          if word.pointee.lastDoc != doc {
            word.pointee.lastDoc = doc
            word.pointee.docs += 1
          }
        }
        next += Int(length)
      }
    }
    var count = FieldRuns.Counts(stems: stems, words: wordStems.count)
    for s in 0..<stems {
      count.positions[s] = stemTally[s].positions
      count.docs[s] = stemTally[s].docs
    }
    for w in wordStems.indices { count.wordDocs[w] = wordTally[w].docs }
    return count
  }

  /// Writes this shard's parts of the four lists in the piece `bases` describes, from where
  /// `cursors` say they begin: only the lists of the piece's stems and words.
  fileprivate func fill(
    _ out: (
      positions: UnsafeMutableBufferPointer<Int32>, docs: UnsafeMutableBufferPointer<Int32>,
      starts: UnsafeMutableBufferPointer<Int32>, wordDocs: UnsafeMutableBufferPointer<Int32>
    ),
    layout: FieldRuns.Layout, run: Int, bases: FieldRuns.Bases, codes: [Int32]
  ) {
    let cursors = layout.cursors[run]
    let (stems, words) = (bases.stems, bases.words)
    // By stem and word of the piece, counted from its first, all that a word met needs in one
    // place (one line of the processor's cache, not one for each number).
    let stemCursors = UnsafeMutableBufferPointer<StemCursor>.allocate(capacity: stems.count)
    let wordCursors = UnsafeMutableBufferPointer<WordCursor>.allocate(capacity: words.count)
    defer {
      stemCursors.deallocate()
      wordCursors.deallocate()
    }
    for (k, s) in stems.enumerated() {
      stemCursors[k] = StemCursor(
        lastDoc: -1, nextDoc: cursors.docs[s] - Int32(bases.doc),
        nextPosition: cursors.positions[s] - Int32(bases.position),
        firstPosition: layout.positions[s] - Int32(bases.position),
        startShift: layout.starts[s] - Int32(bases.start) - (layout.docs[s] - Int32(bases.doc)))
    }
    for (k, w) in words.enumerated() {
      wordCursors[k] = WordCursor(lastDoc: -1, nextDoc: cursors.wordDocs[w] - Int32(bases.wordDoc))
    }
    let firstWord = words.lowerBound
    forEachToken(codes: codes) { doc, position, word, code in
      if code > 1 {
        let cursor = stemCursors.baseAddress! + Int(code >> 1 - 1)
        if cursor.pointee.lastDoc != doc {
          cursor.pointee.lastDoc = doc
          let d = cursor.pointee.nextDoc
          out.docs[Int(d)] = doc
          out.starts[Int(d + cursor.pointee.startShift)] =
            cursor.pointee.nextPosition - cursor.pointee.firstPosition
          cursor.pointee.nextDoc = d + 1
        }
        let p = cursor.pointee.nextPosition
        out.positions[Int(p)] = position
        cursor.pointee.nextPosition = p + 1
      }
      if code & 1 != 0 {
        let cursor = wordCursors.baseAddress! + (word &- firstWord)
        if cursor.pointee.lastDoc != doc {
          cursor.pointee.lastDoc = doc
          let next = cursor.pointee.nextDoc
          out.wordDocs[Int(next)] = doc
          cursor.pointee.nextDoc = next + 1
        }
      }
    }
  }

  /// Where a shard's part of a stem's lists goes next in a piece (`fill`): the last entry met
  /// with the stem, where its next entry and position go, where its positions begin, and how
  /// far its starts are from its entries (one place further for each stem before it).
  fileprivate struct StemCursor {
    var lastDoc: Int32
    var nextDoc: Int32
    var nextPosition: Int32
    let firstPosition: Int32
    let startShift: Int32
  }

  /// Where a shard's part of a word's list of entries goes next, and the last entry met with it.
  fileprivate struct WordCursor {
    var lastDoc: Int32
    var nextDoc: Int32
  }

  /// Calls `body(entry, position, word, code)` for every word whose code (`codes`, by word) is
  /// not 0, in entry order (the words in the joined numbering, `joinWords`).
  @inline(__always)
  fileprivate func forEachToken(codes: [Int32], _ body: (Int32, Int32, Int, Int32) -> Void) {
    precondition(words == nil, "words not joined")
    var next = 0
    lists.tokens.withUnsafeBufferPointer { tokens in
      codes.withUnsafeBufferPointer { codes in
        for (k, length) in lists.lengths.enumerated() {
          let doc = firstDoc + Int32(k)
          for position in 0..<Int(length) {
            let word = Int(tokens[next + position])
            let code = codes[word]
            if code == 0 { continue }
            body(doc, Int32(position), word, code)
          }
          next += Int(length)
        }
      }
    }
  }
}

/// One standard field's lists, lengths and constants, for `IndexBuilder.maxImpacts`.
private struct ImpactField {
  let docs: (offsets: [Int32], values: [Int32])
  let starts: (offsets: [Int32], values: [Int32])
  let lengths: [Int32]
  let average: Double
  let first: Int
  let weight: Double

  /// The field's arrays, read without checks or copies.
  struct Buffers {
    let docOffsets: UnsafeBufferPointer<Int32>
    let docs: UnsafeBufferPointer<Int32>
    let startOffsets: UnsafeBufferPointer<Int32>
    let starts: UnsafeBufferPointer<Int32>
    let lengths: UnsafeBufferPointer<Int32>
    let average: Double
    let first: Int
    let weight: Double
  }

  func withBuffers<R>(_ body: (Buffers) -> R) -> R {
    docs.offsets.withUnsafeBufferPointer { docOffsets in
      docs.values.withUnsafeBufferPointer { docs in
        starts.offsets.withUnsafeBufferPointer { startOffsets in
          starts.values.withUnsafeBufferPointer { starts in
            lengths.withUnsafeBufferPointer { lengths in
              body(
                Buffers(
                  docOffsets: docOffsets, docs: docs, startOffsets: startOffsets, starts: starts,
                  lengths: lengths, average: average, first: first, weight: weight))
            }
          }
        }
      }
    }
  }

  /// The largest BM25F weight (before saturation) any entry gives stem `s` over the fields,
  /// rounded up to a `Float`. Each field's entries are sorted, so they are walked together, the
  /// smallest entry first, and an entry's weight is summed field after field in their order:
  /// no array by entry, which at a million entries would be a cache miss for every posting.
  static func most(_ s: Int, _ f0: Buffers, _ f1: Buffers, _ f2: Buffers) -> Float {
    // Where each field's list of `s` is in its entries (`next ..< end`), and in its starts.
    var next = (0, 0, 0)
    var end = (0, 0, 0)
    var start = (0, 0, 0)
    func bounds(_ f: Buffers) -> (Int, Int, Int) {
      let list = s - f.first
      let first = Int(f.docOffsets[list])
      return (first, Int(f.docOffsets[list + 1]), Int(f.startOffsets[list]) - first)
    }
    (next.0, end.0, start.0) = bounds(f0)
    (next.1, end.1, start.1) = bounds(f1)
    (next.2, end.2, start.2) = bounds(f2)
    // Posting `k` of field `f`'s list: its weight for its entry.
    func weight(_ f: Buffers, _ k: Int, _ startShift: Int, _ d: Int) -> Double {
      let tf = Double(f.starts[startShift + k + 1] - f.starts[startShift + k])
      let norm = 1 - Clause.b + Clause.b * Double(f.lengths[d]) / f.average
      return f.weight * tf / norm
    }
    var most = 0.0
    while next.0 < end.0 || next.1 < end.1 || next.2 < end.2 {
      let d0 = next.0 < end.0 ? Int(f0.docs[next.0]) : Int.max
      let d1 = next.1 < end.1 ? Int(f1.docs[next.1]) : Int.max
      let d2 = next.2 < end.2 ? Int(f2.docs[next.2]) : Int.max
      let d = min(d0, d1, d2)
      var sum = 0.0
      if d0 == d {
        sum += weight(f0, next.0, start.0, d)
        next.0 += 1
      }
      if d1 == d {
        sum += weight(f1, next.1, start.1, d)
        next.1 += 1
      }
      if d2 == d {
        sum += weight(f2, next.2, start.2, d)
        next.2 += 1
      }
      most = max(most, sum)
    }
    return Float(most).nextUp
  }
}
