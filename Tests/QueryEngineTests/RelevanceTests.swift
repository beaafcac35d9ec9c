import Foundation
import KnowledgeModel
import QueryEngine
import TestSupport
import Testing

/// The judged queries of relevance/judgments.tsv (`make relevance` measures them fully): in
/// best-match form, nearly every one finds an entry judged directly relevant (grade 2 or 3) in its
/// first ten. Queries whose relevant entries the bundled knowledge base does not have (yet) are
/// left out. Not timed.
@Suite struct RelevanceTests {
  static let searcher = DocumentationExamplesTests.searcher

  /// (query, ids judged 2 or 3 that the knowledge base has).
  static var judged: [(String, Set<String>)] {
    let path = DocumentationExamplesTests.repository.appendingPathComponent(
      "relevance/judgments.tsv"
    ).path
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    let ids = Set(searcher.knowledgeBase.entries.map(\.id))
    var out: [(String, Set<String>)] = []
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let parts = line.split(separator: "\t", maxSplits: 1)
      guard parts.count == 2 else { continue }
      var relevant = Set<String>()
      for item in parts[1].split(separator: " ") {
        guard let eq = item.lastIndex(of: "="), let grade = Int(item[item.index(after: eq)...]),
          grade >= 2
        else { continue }
        for id in item[..<eq].split(separator: "|") where ids.contains(String(id)) {
          relevant.insert(String(id))
        }
      }
      if !relevant.isEmpty { out.append((String(parts[0]), relevant)) }
    }
    return out
  }

  @Test func theJudgedSetIsLargeEnough() {
    #expect(Self.judged.count >= 30)
  }

  @Test func bestMatchFindsARelevantEntryInTheTopTenForNearlyEveryQuery() throws {
    var misses: [String] = []
    for (query, relevant) in Self.judged {
      let result = try Self.searcher.run("? " + query + " | limit 10")
      guard case .entries(let hits, _) = result.output else { continue }
      let found = hits.map { Self.searcher.knowledgeBase.entries[$0.entry].id }
      if relevant.isDisjoint(with: found) { misses.append(query) }
    }
    let rate = 1 - Double(misses.count) / Double(max(1, Self.judged.count))
    #expect(rate >= 0.9, "missed: \(misses)")
  }
}
