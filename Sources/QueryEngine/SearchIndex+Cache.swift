import CacheFormat
import KnowledgeModel

extension SearchIndex {
  static let cacheKind: UInt8 = 4

  /// The index of a knowledge base loaded through the cache: read from its index cache when that
  /// was built from the same content, else built and written there for next time.
  static func cached(_ knowledgeBase: KnowledgeBase, prefetched: IndexPrefetch? = nil)
    -> SearchIndex
  {
    guard let key = knowledgeBase.cacheKey, let path = knowledgeBase.indexCachePath else {
      return SearchIndex(knowledgeBase)
    }
    if let prefetched, let (readKey, index) = prefetched.result(), readKey == key,
      index.count == knowledgeBase.entries.count
    {
      return index
    }
    if let file = CacheFile.open(path), let index = try? SearchIndex(from: file, key: key),
      index.count == knowledgeBase.entries.count
    {
      return index
    }
    let index = SearchIndex(knowledgeBase)
    index.write(to: path, key: key)
    return index
  }

  /// Writes the index as a cache file: the small parts in the payload, every large array as a
  /// block of its own (written from where it lies, never copied into one buffer).
  func write(to path: String, key: UInt64) {
    var w = BinaryWriter(capacity: 1 << 20)
    w.byte(Self.cacheKind)
    w.fixed64(key)
    w.uint(UInt64(count))
    let stemList = stems.sorted { $0.value < $1.value }
    w.strings(stemList.map(\.key))
    w.strings(sortedWords)
    w.uint(UInt64(text.count))
    for field in text { w.uint(UInt64(field.totalLength)) }
    for facet in Facet.allCases {
      w.bool(facets[facet] != nil)
      facets[facet]?.write(to: &w)
    }
    ids.write(to: &w)
    related.write(to: &w)
    w.uint(UInt64(extras.count))
    for key in extras.keys.sorted() {
      w.string(key)
      extras[key]!.write(to: &w)
    }
    var blocks: [CacheFile.Block] = [.int32s(sortedWordNumbers)]
    for field in text {
      for lists in [field.docs, field.starts, field.positions, field.wordDocs] {
        blocks += [.int32s(lists.offsets), .int32s(lists.values)]
      }
      blocks.append(.int32s(field.lengths))
    }
    blocks += [dateLower, dateUpper, titleRank, idRank].map { .int32s($0) }
    blocks += [.bytes(listing.bytes), .uint32s(listing.spans)]
    blocks.append(.uint32s(maxImpact.map(\.bitPattern)))
    CacheFile.write(path, payload: w.bytes, blocks: blocks)
  }

  init(from file: CacheFile.Reader, key: UInt64) throws(BinaryReader.Damaged) {
    guard try Self.readKey(&file.payload) == key else { throw BinaryReader.Damaged() }
    try self.init(afterKey: file)
  }

  /// The content key an index cache was built for.
  static func readKey(_ r: inout BinaryReader) throws(BinaryReader.Damaged) -> UInt64 {
    guard try r.byte() == Self.cacheKind else { throw BinaryReader.Damaged() }
    return try r.fixed64()
  }

  init(afterKey file: CacheFile.Reader) throws(BinaryReader.Damaged) {
    let count = Int(try file.payload.uint())
    var stems: [String: Int32] = [:]
    let stemList = try file.payload.strings()
    stems.reserveCapacity(stemList.count)
    for (n, s) in stemList.enumerated() { stems[s] = Int32(n) }
    let sortedWords = try file.payload.strings()
    let fieldCount = try file.payload.count()
    guard fieldCount == TextField.allCases.count else { throw BinaryReader.Damaged() }
    var totals: [Int] = []
    for _ in 0..<fieldCount { totals.append(Int(try file.payload.uint())) }
    var facets: [Facet: ValuePostings] = [:]
    for facet in Facet.allCases where try file.payload.bool() {
      facets[facet] = try ValuePostings(from: &file.payload)
    }
    let ids = try ValuePostings(from: &file.payload)
    let related = try ValuePostings(from: &file.payload)
    var extras: [String: ValuePostings] = [:]
    for _ in 0..<(try file.payload.count()) {
      extras[try file.payload.string()] = try ValuePostings(from: &file.payload)
    }
    guard file.payload.isAtEnd else { throw BinaryReader.Damaged() }

    let sortedWordNumbers = try file.int32s()
    var text: [FieldPostings] = []
    for total in totals {
      var field = FieldPostings()
      var lists: [PostingLists] = []
      for _ in 0..<4 {
        guard let l = PostingLists(offsets: try file.int32s(), values: try file.int32s()) else {
          throw BinaryReader.Damaged()
        }
        lists.append(l)
      }
      field.docs = lists[0]
      field.starts = lists[1]
      field.positions = lists[2]
      field.wordDocs = lists[3]
      field.lengths = try file.int32s()
      field.totalLength = total
      text.append(field)
    }
    let dates = (try file.int32s(), try file.int32s())
    let ranks = (try file.int32s(), try file.int32s())
    let listing = Listing(bytes: try file.bytes(), spans: try file.uint32s())
    let maxImpact = try file.uint32s().map { Float(bitPattern: $0) }
    guard file.isAtEnd, maxImpact.count == stems.count,
      [dates.0, dates.1, ranks.0, ranks.1].allSatisfy({ $0.count == count }),
      ranks.0.allSatisfy({ $0 >= 0 && Int($0) < count }), listing.isValid(count: count)
    else { throw BinaryReader.Damaged() }
    self.init(
      count: count, stems: stems, sortedWords: sortedWords, sortedWordNumbers: sortedWordNumbers,
      text: text, facets: facets, ids: ids, related: related, extras: extras,
      dateLower: dates.0, dateUpper: dates.1, titleRank: ranks.0, idRank: ranks.1,
      listing: listing, maxImpact: maxImpact)
  }
}

extension ValuePostings {
  func write(to w: inout BinaryWriter) {
    for map in [exact, paths, segments] {
      w.uint(UInt64(map.count))
      for key in map.keys.sorted() {
        w.string(key)
        w.int32s(map[key]!)
      }
    }
    w.strings(sortedValues)
    w.uint(UInt64(spelling.count))
    for key in spelling.keys.sorted() {
      w.string(key)
      w.string(spelling[key]!)
    }
  }

  init(from r: inout BinaryReader) throws(BinaryReader.Damaged) {
    var maps: [[String: [Int32]]] = []
    for _ in 0..<3 {
      var map: [String: [Int32]] = [:]
      let n = try r.count()
      map.reserveCapacity(n)
      for _ in 0..<n { map[try r.string()] = try r.int32s() }
      maps.append(map)
    }
    self.init()
    exact = maps[0]
    paths = maps[1]
    segments = maps[2]
    sortedValues = try r.strings()
    for _ in 0..<(try r.count()) { spelling[try r.string()] = try r.string() }
    total = exact.values.reduce(0) { $0 + $1.count }
  }
}
