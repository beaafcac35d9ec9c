import Foundation
import KnowledgeModel

/// The merge of an index with the small index of the entries it lacks (`SearchIndex.updated`):
/// each part of the index now, made from the two when a query first asks for it.
final class IndexMerge: Sendable {
  let base: SearchIndex
  /// The index of the fresh entries alone, its entry `k` being `changes.fresh[k]`.
  let delta: SearchIndex
  let changes: IndexChanges
  let entries: EntryList
  /// Stems and words numbered as in the base, then those only the fresh entries have.
  let stemMap: Memo<Numbering>
  let wordMap: Memo<Numbering>

  /// A numbering of stems or words: the base's, then the new ones; for each, its number in the
  /// small index (-1 when the fresh entries do not have it).
  struct Numbering: Sendable {
    var stems: [String: Int32] = [:]
    var words = IndexParts.Words()
    var inDelta: [Int32] = []
    var baseCount = 0
    var count: Int { inDelta.count }
  }

  init(base: SearchIndex, delta: SearchIndex, changes: IndexChanges, entries: EntryList) {
    self.base = base
    self.delta = delta
    self.changes = changes
    self.entries = entries
    stemMap = Memo {
      var stems = base.stems
      let baseCount = stems.count
      var inDelta = [Int32](repeating: -1, count: baseCount)
      for (stem, d) in delta.stems.sorted(by: { $0.value < $1.value }) {
        if let n = stems[stem], Int(n) < baseCount {
          inDelta[Int(n)] = d
        } else {
          stems[stem] = Int32(inDelta.count)
          inDelta.append(d)
        }
      }
      return Numbering(stems: stems, inDelta: inDelta, baseCount: baseCount)
    }
    wordMap = Memo {
      let old = base.parts.words.get
      let new = delta.parts.words.get
      var inDelta = [Int32](repeating: -1, count: old.sorted.count)
      var added: [(word: String, number: Int32)] = []
      var i = 0
      for (k, word) in new.sorted.enumerated() {
        while i < old.sorted.count, old.sorted[i] < word { i += 1 }
        if i < old.sorted.count, old.sorted[i] == word, Int(old.numbers[i]) < inDelta.count {
          inDelta[Int(old.numbers[i])] = new.numbers[k]
        } else {
          added.append((word, Int32(inDelta.count)))
          inDelta.append(new.numbers[k])
        }
      }
      var words = IndexParts.Words()
      words.sorted.reserveCapacity(old.sorted.count + added.count)
      words.numbers.reserveCapacity(old.sorted.count + added.count)
      var a = 0
      for (word, number) in zip(old.sorted, old.numbers) {
        while a < added.count, added[a].word < word {
          words.sorted.append(added[a].word)
          words.numbers.append(added[a].number)
          a += 1
        }
        words.sorted.append(word)
        words.numbers.append(number)
      }
      for (word, number) in added[a...] {
        words.sorted.append(word)
        words.numbers.append(number)
      }
      return Numbering(words: words, inDelta: inDelta, baseCount: old.sorted.count)
    }
  }

  // MARK: Text

  /// A text field now: each stem's entries and positions merged when first asked for.
  func text(_ field: TextField) -> FieldPostings {
    let old = base.text(field)
    let new = delta.text(field)
    let changes = changes
    let numbering = stemMap.get
    let stems = MergedStems(
      old: old, new: new, inDelta: numbering.inDelta, baseCount: numbering.baseCount,
      changes: changes, file: base.parts.file)
    var out = FieldPostings()
    out.docs = PostingLists(count: numbering.count) { stems.stem($0).docs }
    out.starts = PostingLists(count: numbering.count) { stems.stem($0).starts }
    out.positions = PostingLists(count: numbering.count) { stems.stem($0).positions }
    let wordMap = wordMap
    out.wordDocs = PostingLists(count: Memo { wordMap.get.count }) { w in
      let words = wordMap.get
      let d = Int(words.inDelta[w])
      return changes.merge(
        w < words.baseCount ? old.wordDocs[w] : .empty, d >= 0 ? new.wordDocs[d] : .empty)
    }
    out.lengths = changes.perEntry(old.lengths, new.lengths)
    out.totalLength = out.lengths.reduce(0) { $0 + Int($1) }
    return out
  }

  /// By stem number now: the largest weight any entry gives the stem, or more (a bound for
  /// top-k search need not be tight, only never below). The base's bounds hold for the entries
  /// it keeps once scaled by how much an average field length grew (a weight grows at most by
  /// that ratio); the fresh entries' weights are computed with the averages now.
  func maxImpact(_ text: [FieldPostings]) -> [Float] {
    let numbering = stemMap.get
    var out = [Float](repeating: 0, count: numbering.count)
    let old = base.maxImpact
    var factor = 1.0
    for field in TextField.standard {
      let before = base.text(field).averageLength
      if before > 0 { factor = max(factor, text[field.rawValue].averageLength / before) }
    }
    for s in 0..<min(old.count, numbering.baseCount) {
      out[s] = factor > 1 ? Float(Double(old[s]) * factor).nextUp : old[s]
    }
    let averages = text.map(\.averageLength)
    let fresh = IndexBuilder.maxImpacts(
      TextField.allCases.map { delta.text($0) }, stems: 0..<delta.stems.count,
      count: delta.count, averages: averages)
    for (s, d) in numbering.inDelta.enumerated() where d >= 0 {
      out[s] = max(out[s], fresh[Int(d)])
    }
    return out
  }

  // MARK: Values

  /// Value postings now: every value's list merged, values no entry has any more left out, and
  /// each value's spelling that of the first entry that spells it otherwise, as a build finds it
  /// (`raw` gives an entry's values as written).
  func values(
    _ old: ValuePostings?, _ new: ValuePostings?, raw: @Sendable (Entry) -> [String]
  ) -> ValuePostings {
    let old = old ?? ValuePostings()
    let new = new ?? ValuePostings()
    let exact = merged(old.sortedValues, old.exactLists, new.sortedValues, new.exactLists)
    let paths = merged(old.pathNames, old.pathLists, new.pathNames, new.pathLists)
    let segments = merged(old.segmentNames, old.segmentLists, new.segmentNames, new.segmentLists)
    var spelling: [String: String] = [:]
    for (k, value) in exact.names.enumerated() {
      let before = old.spelling[value]
      if before == nil || (!exact.lost[k] && new.spelling[value] == nil) {
        // No entry spelt it otherwise, or the one that did is still first.
        if let s = before ?? new.spelling[value] { spelling[value] = s }
        continue
      }
      // The entry that spelt it may be gone, or a fresh one may come first: look in order.
      for n in exact.lists[k] {
        if let s = raw(entries[Int(n)]).first(where: { $0 != value && $0.lowercased() == value }) {
          spelling[value] = s
          break
        }
      }
    }
    return ValuePostings(
      sortedValues: exact.names, exactLists: PostingLists(exact.lists), pathNames: paths.names,
      pathLists: PostingLists(paths.lists), segmentNames: segments.names,
      segmentLists: PostingLists(segments.lists), spelling: spelling,
      total: exact.lists.reduce(0) { $0 + $1.count })
  }

  /// Two sets of named lists merged by name, the lists renumbered and merged, names left with
  /// no entry dropped; `lost`: whether the base's list lost an entry.
  private func merged(
    _ oldNames: [String], _ oldLists: PostingLists, _ newNames: [String], _ newLists: PostingLists
  ) -> (names: [String], lists: [[Int32]], lost: [Bool]) {
    let olds = oldLists.all()
    let news = newLists.all()
    var out: (names: [String], lists: [[Int32]], lost: [Bool]) = ([], [], [])
    var i = 0
    var j = 0
    while i < oldNames.count || j < newNames.count {
      let name: String
      var old = PostingLists.List.empty
      var new = PostingLists.List.empty
      if j == newNames.count || (i < oldNames.count && oldNames[i] <= newNames[j]) {
        name = oldNames[i]
        if i < olds.count { old = olds[i] }
        if j < newNames.count, newNames[j] == name {
          if j < news.count { new = news[j] }
          j += 1
        }
        i += 1
      } else {
        name = newNames[j]
        if j < news.count { new = news[j] }
        j += 1
      }
      let list = changes.merge(old, new)
      guard !list.isEmpty else { continue }
      out.names.append(name)
      out.lists.append(list)
      out.lost.append(list.count - new.count < old.count)
    }
    return out
  }

  // MARK: Orders and listing

  struct Orders: Sendable {
    var titleOrder: [Int32]
    var titleRank: [Int32]
    var idRank: [Int32]
  }

  /// Entries in title-then-id order and in id order now: the base's orders without the entries
  /// gone, each fresh entry put in its place by binary search.
  func orders() -> Orders {
    let changes = changes
    let oldListing = base.listing
    let newListing = delta.listing
    func field(_ n: Int32, _ field: Listing.Field) -> String {
      let o = Int(changes.origin[Int(n)])
      let (listing, doc) = o >= 0 ? (oldListing, o) : (newListing, -1 - o)
      if case .text(let start, let count, _) = listing.span(doc, field) {
        return String(decoding: listing.bytes[start..<start + count], as: UTF8.self)
      }
      let entry = entries[Int(n)]
      return field == .id ? entry.id : entry.title
    }
    func kept(_ order: [Int32]) -> [Int32] {
      order.compactMap { changes.renumbered[Int($0)] >= 0 ? changes.renumbered[Int($0)] : nil }
    }
    func inverse(_ rank: [Int32]) -> [Int32] {
      var order = [Int32](repeating: 0, count: rank.count)
      for (doc, r) in rank.enumerated() where r >= 0 && Int(r) < rank.count {
        order[Int(r)] = Int32(doc)
      }
      return order
    }
    let titleOrder = Self.inserting(
      delta.titleOrder.map { changes.fresh[Int($0)] }, into: kept(base.titleOrder)
    ) { (field($0, .title).lowercased(), field($0, .id)) }
    let idOrder = Self.inserting(
      inverse(delta.idRank).map { changes.fresh[Int($0)] }, into: kept(inverse(base.idRank))
    ) { (field($0, .id), "") }
    return Orders(
      titleOrder: titleOrder, titleRank: IndexBuilder.ranks(titleOrder),
      idRank: IndexBuilder.ranks(idOrder))
  }

  /// `fresh` put into `kept`, both sorted by key then number, each by binary search from where
  /// the last one went.
  static func inserting(
    _ fresh: [Int32], into kept: [Int32], key: (Int32) -> (String, String)
  ) -> [Int32] {
    var out: [Int32] = []
    out.reserveCapacity(kept.count + fresh.count)
    var from = 0
    for f in fresh {
      let k = key(f)
      var lo = from
      var hi = kept.count
      while lo < hi {
        let mid = (lo + hi) / 2
        let m = key(kept[mid])
        if (m.0, m.1, kept[mid]) < (k.0, k.1, f) { lo = mid + 1 } else { hi = mid }
      }
      out += kept[from..<lo]
      out.append(f)
      from = lo
    }
    out += kept[from...]
    return out
  }

  /// The listing now, laid out in `order`: each entry's row copied from the base's listing or
  /// the fresh entries'.
  func listing(order: [Int32]) -> Listing {
    Listing(merging: order, origin: changes.origin, old: base.listing, new: delta.listing)
  }
}

/// The merged lists of one text field's stems, each made once when first asked for.
final class MergedStems: @unchecked Sendable {
  struct Lists {
    var docs: [Int32] = []
    var starts: [Int32] = [0]
    var positions: [Int32] = []
  }

  private let old: FieldPostings
  private let new: FieldPostings
  private let inDelta: [Int32]
  private let baseCount: Int
  private let changes: IndexChanges
  private let file: IndexFile?
  private let lock = NSLock()
  private var made: [Int: Lists] = [:]

  init(
    old: FieldPostings, new: FieldPostings, inDelta: [Int32], baseCount: Int,
    changes: IndexChanges, file: IndexFile?
  ) {
    self.old = old
    self.new = new
    self.inDelta = inDelta
    self.baseCount = baseCount
    self.changes = changes
    self.file = file
  }

  /// Stem `s`'s entries, where each one's positions start, and the positions, now.
  func stem(_ s: Int) -> Lists {
    if let lists = lock.withLock({ made[s] }) { return lists }
    var out = Lists()
    let base = s < baseCount ? Self.lists(old, s, limit: changes.renumbered.count) : nil
    let d = Int(inDelta[s])
    let fresh = d >= 0 ? Self.lists(new, d, limit: changes.fresh.count) : nil
    if (s < baseCount && base == nil) || (d >= 0 && fresh == nil) {
      file?.markDamaged()
      return out
    }
    var j = 0
    func takeFresh(before n: Int32) {
      guard let fresh else { return }
      while j < fresh.docs.count, changes.fresh[Int(fresh.docs[j])] < n {
        out.docs.append(changes.fresh[Int(fresh.docs[j])])
        out.positions += fresh.positions.elements(Int(fresh.starts[j]), Int(fresh.starts[j + 1]))
        out.starts.append(Int32(out.positions.count))
        j += 1
      }
    }
    if let base {
      for k in 0..<base.docs.count {
        let n = changes.renumbered[Int(base.docs[k])]
        guard n >= 0 else { continue }
        takeFresh(before: n)
        out.docs.append(n)
        out.positions += base.positions.elements(Int(base.starts[k]), Int(base.starts[k + 1]))
        out.starts.append(Int32(out.positions.count))
      }
    }
    takeFresh(before: .max)
    lock.withLock { made[s] = out }
    return out
  }

  /// A stem's three lists, or nil when they do not fit together or name entries beyond `limit`
  /// (a list of the file could not be read).
  private static func lists(_ field: FieldPostings, _ s: Int, limit: Int) -> (
    docs: PostingLists.List, starts: PostingLists.List, positions: PostingLists.List
  )? {
    let docs = field.docs[s]
    let starts = field.starts[s]
    let positions = field.positions[s]
    guard starts.count == docs.count + 1, starts.first == 0,
      starts.last.map({ Int($0) == positions.count }) ?? false
    else { return nil }
    var previous: Int32 = 0
    for start in starts {
      if start < previous { return nil }
      previous = start
    }
    for doc in docs where doc < 0 || Int(doc) >= limit { return nil }
    return (docs, starts, positions)
  }
}
