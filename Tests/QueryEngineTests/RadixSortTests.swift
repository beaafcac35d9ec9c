import KnowledgeModel
import TestSupport
import Testing

@testable import QueryEngine

@Suite struct RadixSortTests {
  @Test(arguments: [(0, 1), (1, 1), (2, 2), (100, 50), (5000, 100_000), (3000, 1 << 23)])
  func sortsAsTheStandardLibraryDoes(count: Int, limit: Int) {
    var g = SeededGenerator(state: UInt64(count &* 31 &+ limit))
    var values = (0..<count).map { _ in Int32(Int.random(in: 0..<limit, using: &g)) }
    let expected = values.sorted()
    RadixSort.sort(&values, below: limit)
    #expect(values == expected)
  }

  /// Hits come back in title order whichever way they are sorted (few by comparison, many by
  /// radix), and only the hits come back.
  @Test func hitsInTitleOrder() throws {
    var g = SeededGenerator(state: 11)
    let titles = ["Zebra", "apple", "Apple pie", "mango", "Éclair", "kiwi"]
    let entries = (0..<500).map { n in
      Entry(
        id: "e\(Int.random(in: 0..<10_000, using: &g))-\(n)",
        title: titles.randomElement(using: &g)!)
    }
    let kb = KnowledgeBase(root: "", name: "t", vocabulary: nil, entries: entries)
    let index = SearchIndex(kb)
    for size in [0, 1, 10, 63, 64, 200, 500] {
      let docs = Array((0..<Int32(500)).shuffled(using: &g).prefix(size)).sorted()
      let ordered = index.inTitleOrder(docs)
      #expect(Set(ordered) == Set(docs) && ordered.count == docs.count)
      let keys = ordered.map { (kb.entries[Int($0)].title.lowercased(), kb.entries[Int($0)].id) }
      #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 <= $1 }, "\(size)")
    }
  }
}
