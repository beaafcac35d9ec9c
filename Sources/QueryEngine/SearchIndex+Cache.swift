import KnowledgeModel

extension SearchIndex {
  static let cacheKind: UInt8 = 2

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
    if var r = CacheFile.read(path), let index = try? SearchIndex(from: &r, key: key),
      index.count == knowledgeBase.entries.count
    {
      return index
    }
    let index = SearchIndex(knowledgeBase)
    var w = BinaryWriter(capacity: 1 << 20)
    index.write(to: &w, key: key)
    CacheFile.write(path, payload: w.bytes)
    return index
  }

  func write(to w: inout BinaryWriter, key: UInt64) {
    w.byte(Self.cacheKind)
    w.fixed64(key)
    w.uint(UInt64(count))
    let stemList = stems.sorted { $0.value < $1.value }
    w.strings(stemList.map(\.key))
    w.strings(sortedWords)
    w.int32s(sortedWordNumbers)
    w.uint(UInt64(text.count))
    for field in text {
      for lists in [field.docs, field.starts, field.positions, field.wordDocs] {
        w.int32s(lists.offsets)
        w.int32s(lists.values)
      }
      w.int32s(field.lengths)
      w.uint(UInt64(field.totalLength))
    }
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
    for list in [dateLower, dateUpper, titleRank, idRank] { w.int32s(list) }
    w.byteArray(listing.bytes)
    w.uint32s(listing.spans)
  }

  init(from r: inout BinaryReader, key: UInt64) throws(BinaryReader.Damaged) {
    guard try Self.readKey(&r) == key else { throw BinaryReader.Damaged() }
    try self.init(afterKey: &r)
  }

  /// The content key an index cache was built for.
  static func readKey(_ r: inout BinaryReader) throws(BinaryReader.Damaged) -> UInt64 {
    guard try r.byte() == Self.cacheKind else { throw BinaryReader.Damaged() }
    return try r.fixed64()
  }

  init(afterKey r: inout BinaryReader) throws(BinaryReader.Damaged) {
    let count = Int(try r.uint())
    var stems: [String: Int32] = [:]
    let stemList = try r.strings()
    stems.reserveCapacity(stemList.count)
    for (n, s) in stemList.enumerated() { stems[s] = Int32(n) }
    let sortedWords = try r.strings()
    let sortedWordNumbers = try r.int32s()
    var text: [FieldPostings] = []
    for _ in 0..<(try r.count()) {
      var field = FieldPostings()
      var lists: [PostingLists] = []
      for _ in 0..<4 {
        guard let l = PostingLists(offsets: try r.int32s(), values: try r.int32s()) else {
          throw BinaryReader.Damaged()
        }
        lists.append(l)
      }
      field.docs = lists[0]
      field.starts = lists[1]
      field.positions = lists[2]
      field.wordDocs = lists[3]
      field.lengths = try r.int32s()
      field.totalLength = Int(try r.uint())
      text.append(field)
    }
    guard text.count == TextField.allCases.count else { throw BinaryReader.Damaged() }
    var facets: [Facet: ValuePostings] = [:]
    for facet in Facet.allCases where try r.bool() {
      facets[facet] = try ValuePostings(from: &r)
    }
    let ids = try ValuePostings(from: &r)
    let related = try ValuePostings(from: &r)
    var extras: [String: ValuePostings] = [:]
    for _ in 0..<(try r.count()) { extras[try r.string()] = try ValuePostings(from: &r) }
    let dates = (try r.int32s(), try r.int32s())
    let ranks = (try r.int32s(), try r.int32s())
    let listing = Listing(bytes: try r.byteArray(), spans: try r.uint32s())
    guard r.isAtEnd, [dates.0, dates.1, ranks.0, ranks.1].allSatisfy({ $0.count == count }),
      ranks.0.allSatisfy({ $0 >= 0 && Int($0) < count }), listing.isValid(count: count)
    else { throw BinaryReader.Damaged() }
    self.init(
      count: count, stems: stems, sortedWords: sortedWords, sortedWordNumbers: sortedWordNumbers,
      text: text, facets: facets, ids: ids, related: related, extras: extras,
      dateLower: dates.0, dateUpper: dates.1, titleRank: ranks.0, idRank: ranks.1,
      listing: listing)
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
