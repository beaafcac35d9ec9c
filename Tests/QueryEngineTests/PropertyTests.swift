import KnowledgeModel
import TestSupport
import Testing

@testable import QueryEngine

/// Random boolean queries over random knowledge bases agree with a naive evaluator that checks
/// each entry directly.
@Suite struct PropertyTests {
  static let tags = ["a", "b", "c", "a/x", "b/y", "c/x/z"]
  static let queryTags = ["a", "b", "c", "x", "y", "z", "a/x", "b/y", "c/x"]
  static let kinds = ["principle", "practice", "lesson"]
  static let words = ["alpha", "beta", "gamma", "delta"]

  indirect enum Q {
    case tag(String)
    case kind(String)
    case word(String)
    /// Words that must stand one after the other (repeats allowed: "alpha alpha").
    case phrase([String])
    case all
    case not(Q)
    case and(Q, Q)
    case or(Q, Q)

    var text: String {
      switch self {
      case .tag(let t): return "tag:" + t
      case .kind(let k): return "kind:" + k
      case .word(let w): return w
      case .phrase(let words): return "\"" + words.joined(separator: " ") + "\""
      case .all: return "*"
      case .not(let q): return "NOT " + q.text
      case .and(let a, let b): return "(" + a.text + " " + b.text + ")"
      case .or(let a, let b): return "(" + a.text + " OR " + b.text + ")"
      }
    }

    func matches(_ e: Entry) -> Bool {
      switch self {
      case .tag(let t):
        return e.tags.contains { v in
          v == t || v.hasPrefix(t + "/")
            || (!t.contains("/") && v.split(separator: "/").contains { $0 == t })
        }
      case .kind(let k): return e.kind == k
      case .word(let w): return e.body.split(separator: " ").contains { $0 == w }
      case .phrase(let words):
        let body = e.body.split(separator: " ").map(String.init)
        guard body.count >= words.count else { return false }
        return (0...(body.count - words.count)).contains {
          Array(body[$0..<$0 + words.count]) == words
        }
      case .all: return true
      case .not(let q): return !q.matches(e)
      case .and(let a, let b): return a.matches(e) && b.matches(e)
      case .or(let a, let b): return a.matches(e) || b.matches(e)
      }
    }
  }

  static func query(_ g: inout SeededGenerator, depth: Int) -> Q {
    let choice = Int.random(in: 0..<(depth > 3 ? 4 : 8), using: &g)
    switch choice {
    case 0: return .tag(queryTags.randomElement(using: &g)!)
    case 1: return .kind(kinds.randomElement(using: &g)!)
    case 2: return .word(words.randomElement(using: &g)!)
    case 3:
      switch Int.random(in: 0..<10, using: &g) {
      case 0: return .all
      case 1...4:
        let length = Int.random(in: 2...3, using: &g)
        return .phrase((0..<length).map { _ in words.randomElement(using: &g)! })
      default: return .word(words.randomElement(using: &g)!)
      }
    case 4: return .not(query(&g, depth: depth + 1))
    case 5: return .and(query(&g, depth: depth + 1), query(&g, depth: depth + 1))
    default: return .or(query(&g, depth: depth + 1), query(&g, depth: depth + 1))
    }
  }

  static func knowledgeBase(_ g: inout SeededGenerator) -> KnowledgeBase {
    let count = Int.random(in: 0..<40, using: &g)
    let entries = (0..<count).map { n in
      Entry(
        id: "e\(n)", title: "Entry \(n)", kind: kinds.randomElement(using: &g),
        tags: Array(tags.shuffled(using: &g).prefix(Int.random(in: 0...2, using: &g))),
        body: (0..<Int.random(in: 0...8, using: &g)).map { _ in words.randomElement(using: &g)! }
          .joined(separator: " "))
    }
    return KnowledgeBase(root: "", name: "random", vocabulary: nil, entries: entries)
  }

  @Test(arguments: 0..<20)
  func agreesWithNaiveEvaluation(_ seed: Int) throws {
    var g = SeededGenerator(state: UInt64(seed) &* 7919)
    let kb = PropertyTests.knowledgeBase(&g)
    let searcher = Searcher(kb)
    for _ in 0..<20 {
      let q = PropertyTests.query(&g, depth: 0)
      let result = try searcher.run(q.text)
      guard case .entries(let hits, _) = result.output else { continue }
      let found = Set(hits.map { kb.entries[$0.entry].id })
      let expected = Set(kb.entries.filter(q.matches).map(\.id))
      #expect(found == expected, "\(q.text)")
      // The canonical text means the same.
      let again = try searcher.run(result.query.description)
      #expect(again.output == result.output, "\(result.query.description)")
    }
  }
}

/// Random best-match queries: every result has at least one of the query's words and passes the
/// filters, every entry that does is a result, and the top k are the first k of the full ranking.
@Suite struct BestMatchPropertyTests {
  @Test(arguments: 0..<20)
  func bestMatchAgreesWithNaiveEvaluation(_ seed: Int) throws {
    var g = SeededGenerator(state: UInt64(seed) &* 104_729 &+ 17)
    let kb = PropertyTests.knowledgeBase(&g)
    let searcher = Searcher(kb)
    for _ in 0..<20 {
      let words = (0..<Int.random(in: 1...4, using: &g)).map { _ in
        PropertyTests.words.randomElement(using: &g)!
      }
      let filter: PropertyTests.Q? =
        Bool.random(using: &g) ? PropertyTests.query(&g, depth: 2) : nil
      let filterText = filter.map { " (" + $0.text + ")" } ?? ""
      let text = "? " + words.joined(separator: " ") + filterText
      let result = try searcher.run(text)
      guard case .entries(let hits, _) = result.output else {
        Issue.record("no entries for \(text)")
        continue
      }
      let expected = kb.entries.filter { e in
        words.contains { PropertyTests.Q.word($0).matches(e) } && (filter?.matches(e) ?? true)
      }
      #expect(Set(hits.map { kb.entries[$0.entry].id }) == Set(expected.map(\.id)), "\(text)")
      for k in [1, 2, 5] {
        let top = try searcher.run(text + " | limit \(k)")
        guard case .entries(let topHits, _) = top.output else { continue }
        #expect(topHits == Array(hits.prefix(k)), "\(text) | limit \(k)")
        #expect(top.matched == result.matched)
      }
      // The canonical text means the same.
      let again = try searcher.run(result.query.description)
      #expect(again.output == result.output, "\(result.query.description)")
    }
  }
}
