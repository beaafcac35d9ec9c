import KnowledgeModel
import TestSupport
import Testing

@testable import QueryEngine

/// The index builder's own tables, held against the plain dictionaries they replace.
@Suite struct IndexBuildingPartsTests {
  /// Entries and words are put in order by their first eight bytes first; the order is the
  /// one a sort by strings gives, on ASCII keys (with ties, shared prefixes, NUL bytes and
  /// keys shorter than eight bytes) and on keys outside ASCII (sorted as strings throughout).
  @Test func anOrderByPrefixesIsTheOrderByStrings() {
    var g = SeededGenerator(state: 77)
    let ascii = ["a", "b", "abcdefgh", "abcdefg", "\u{0}", "Z", " ", "-", "abcdefghij"]
    let other = ascii + ["\u{E9}", "e\u{301}", "\u{FB01}", "\u{1F600}"]
    for pieces in [ascii, other] {
      for _ in 0..<50 {
        let count = Int.random(in: 0...300, using: &g)
        func key() -> String {
          (0..<Int.random(in: 0...4, using: &g)).map { _ in pieces.randomElement(using: &g)! }
            .joined()
        }
        let keys = (0..<count).map { _ in key() }
        let then = (0..<count).map { _ in key() }
        #expect(IndexBuilder.order(keys) == keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) })
        #expect(
          IndexBuilder.order(keys, then: then)
            == keys.indices.sorted { (keys[$0], then[$0], $0) < (keys[$1], then[$1], $1) })
      }
    }
  }

  /// The stems' impacts, walking each stem's sorted lists of the three fields together, are the
  /// impacts summed entry by entry in an array by entry (the way they were first computed), bit
  /// for bit, on random knowledge bases; with the averages given too, as a merge gives them.
  @Test func impactsWalkedTogetherAreTheImpactsSummedByEntry() {
    func summedByEntry(_ text: [FieldPostings], count: Int, averages: [Double]?) -> [Float] {
      var sum = [Double](repeating: 0, count: count)
      var touched: [Int] = []
      let stems = text[TextField.body.rawValue].docs.count
      return (0..<stems).map { s in
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
        return Float(most).nextUp
      }
    }
    var stemsInSeveralFields = 0
    for seed in 0..<4 {
      var g = SeededGenerator(state: UInt64(90 + seed))
      // Rare words too, in titles and summaries, beside the base's few common ones.
      let entries = EntryList(
        IndexUpdateTests.base(&g, count: 150 + 150 * seed).entries.map { entry in
          var entry = entry
          entry.title += " r\(Int.random(in: 0..<300, using: &g))"
          entry.summary = (entry.summary ?? "") + " r\(Int.random(in: 0..<300, using: &g))"
          return entry
        })
      let index = IndexBuilder.build(entries)
      let text = TextField.allCases.map { index.text($0) }
      let stems = text[TextField.body.rawValue].docs.count
      #expect(stems > 100)
      #expect(index.maxImpact == summedByEntry(text, count: entries.count, averages: nil))
      let averages = [1.5, 7.25, 40, 3]
      #expect(
        IndexBuilder.maxImpacts(text, stems: 0..<stems, count: entries.count, averages: averages)
          == summedByEntry(text, count: entries.count, averages: averages))
      stemsInSeveralFields +=
        (0..<stems).filter { s in
          TextField.standard.filter { !text[$0.rawValue].docs[s].isEmpty }.count > 1
        }.count
    }
    // The walk together is tried where it matters: stems in more than one field.
    #expect(stemsInSeveralFields > 50)
  }

  /// Words numbered in the order first met, as a dictionary would number them: short and long
  /// words (compared in place and with `memcmp`), words sharing prefixes, the empty word, and
  /// enough of them to grow the table many times.
  @Test func wordTableNumbersAsADictionaryWould() {
    var g = SeededGenerator(state: 21)
    var table = WordTable()
    var reference: [[UInt8]: Int32] = [:]
    var order: [String] = []
    for _ in 0..<40_000 {
      let length = Int.random(in: 0...40, using: &g)
      let word = (0..<length).map { _ in UInt8(ascii: "a") + UInt8.random(in: 0..<3, using: &g) }
      let expected: Int32
      if let known = reference[word] {
        expected = known
      } else {
        expected = Int32(reference.count)
        reference[word] = expected
        order.append(String(decoding: word, as: UTF8.self))
      }
      let got = word.withUnsafeBufferPointer { table.number(of: $0) }
      #expect(got == expected)
      if got != expected { return }
    }
    #expect(reference.count > 5_000)
    #expect(table.count == reference.count)
    #expect(table.words == order)
    #expect(table.number(of: "ab") == reference[Array("ab".utf8)])
  }

  /// Values built into postings in shards give what the plain construction gives: lower-cased
  /// values, the first differing spelling, every path and segment of hierarchical values
  /// (with empty segments, a leading or trailing slash, non-ASCII letters), and the total.
  @Test(arguments: [(false, 1), (true, 1), (true, 3), (false, 4)])
  func valuePostingsAsPlainDictionariesMakeThem(hierarchical: Bool, shards: Int) {
    var g = SeededGenerator(state: hierarchical ? 7 : 8)
    let pieces = ["a", "B", "tag", "Topic", "é", "Straße", "/", "/", "-", "x"]
    let docs = 600
    let values: [[String]] = (0..<docs).map { _ in
      (0..<Int.random(in: 0...4, using: &g)).map { _ in
        (0..<Int.random(in: 1...5, using: &g)).map { _ in pieces.randomElement(using: &g)! }
          .joined()
      }
    }
    let bounds = (0...shards).map { $0 * docs / shards }
    var built: ValuePostings.Builder?
    for s in 0..<shards {
      var shard = ValuePostings.Builder()
      for doc in bounds[s]..<bounds[s + 1] {
        for value in values[doc] { shard.add(value, doc: Int32(doc), hierarchical: hierarchical) }
      }
      if built == nil { built = shard } else { built!.absorb(shard) }
    }
    let got = built!.finish()
    let expected = PlainValues(values, hierarchical: hierarchical)
    #expect(got.sortedValues == expected.exact.keys.sorted())
    #expect(
      got.exactLists.all().map(\.array) == expected.exact.keys.sorted().map { expected.exact[$0]! })
    #expect(got.pathNames == expected.paths.keys.sorted())
    #expect(
      got.pathLists.all().map(\.array) == expected.paths.keys.sorted().map { expected.paths[$0]! })
    #expect(got.segmentNames == expected.segments.keys.sorted())
    #expect(
      got.segmentLists.all().map(\.array)
        == expected.segments.keys.sorted().map { expected.segments[$0]! })
    #expect(got.spelling == expected.spelling)
    #expect(got.total == expected.total)
    #expect(got.sortedValues.count > 50)
    #expect(hierarchical == (got.pathNames.count > 50))
  }
}

/// Value postings made the plain way: a dictionary per kind of list, each value lower-cased and
/// split as it comes.
private struct PlainValues {
  var exact: [String: [Int32]] = [:]
  var paths: [String: [Int32]] = [:]
  var segments: [String: [Int32]] = [:]
  var spelling: [String: String] = [:]
  var total = 0

  init(_ values: [[String]], hierarchical: Bool) {
    for (doc, raws) in values.enumerated() {
      let doc = Int32(doc)
      for raw in raws {
        let value = raw.lowercased()
        if value != raw, spelling[value] == nil { spelling[value] = raw }
        if exact[value]?.last != doc { total += 1 }
        Self.add(doc, to: &exact[value, default: []])
        guard hierarchical else { continue }
        var path = ""
        for segment in value.split(separator: "/", omittingEmptySubsequences: false) {
          path = path.isEmpty ? String(segment) : path + "/" + segment
          Self.add(doc, to: &paths[path, default: []])
          Self.add(doc, to: &segments[String(segment), default: []])
        }
      }
    }
  }

  static func add(_ doc: Int32, to list: inout [Int32]) {
    if list.last != doc { list.append(doc) }
  }
}
