import KnowledgeModel
import TestSupport
import Testing

@testable import QueryEngine

/// `similar:ID` and `Searcher.mostSimilar`.
@Suite struct SimilarTests {
  static let bundled = Searcher(try! Loader.load(Binary.repositoryKnowledge))

  static func ids(_ query: String, _ searcher: Searcher = bundled) throws -> [String] {
    guard case .entries(let hits, _) = try searcher.run(query).output else { return [] }
    return hits.map { searcher.knowledgeBase.entries[$0.entry].id }
  }

  /// Entries with curated links, as the bundled knowledge base has them today and later.
  static var linked: [String] {
    bundled.knowledgeBase.entries.filter { entry in
      entry.related.contains { id in bundled.knowledgeBase.entries.contains { $0.id == id } }
    }.map(\.id)
  }

  @Test func theBundledKnowledgeBaseHasLinkedEntries() {
    #expect(Self.linked.count >= 10)
  }

  /// For every entry with curated links, one of them is among its five most similar, and the
  /// entry itself is never listed.
  @Test(arguments: linked)
  func findsACuratedLinkAndNeverItself(_ id: String) throws {
    let all = try Self.ids("similar:\(id)")
    #expect(!all.contains(id))
    let related = Self.bundled.knowledgeBase.entries.first { $0.id == id }!.related
    #expect(all.prefix(5).contains { related.contains($0) }, "\(all.prefix(5))")
  }

  /// Beyond the curated links: the Lancaster lessons are alike by their words and offices.
  @Test func findsWhatAReaderWouldCallRelated() throws {
    let lancaster = try Self.ids("similar:lancaster-supporting-affected-staff | limit 5")
    #expect(lancaster.contains { $0.hasPrefix("lancaster-") })
    let asrs = try Self.ids("similar:asrs-confidential-reporting | limit 5")
    #expect(asrs.contains("asrs-penalty-waiver"))
  }

  @Test func composesWithFiltersAndStages() throws {
    let practices = try Self.ids("similar:asrs-confidential-reporting kind:practice | limit 5")
    #expect(practices.count == 5)
    #expect(!practices.contains("asrs-confidential-reporting"))
    let kinds = try Self.ids("kind:practice")
    #expect(practices.allSatisfy { kinds.contains($0) })
    #expect(
      try Self.bundled.run("similar:asrs-confidential-reporting | count").output
        == .count(try Self.ids("similar:asrs-confidential-reporting").count))
  }

  @Test func isRankedByLikenessBestFirst() throws {
    let result = try Self.bundled.run("similar:just-culture | fields id,score")
    guard case .entries(let hits, _) = result.output else {
      Issue.record("no entries")
      return
    }
    let scores = hits.map { $0.score ?? -1 }
    #expect(scores.allSatisfy { $0 > 0 })
    #expect(scores == scores.sorted(by: >))
  }

  @Test func anUnknownIdSuggestsTheNearest() throws {
    #expect(throws: QueryError.self) { try Self.bundled.run("similar:lancaster-suporting-staff") }
    do {
      _ = try Self.bundled.run("kind:lesson similar:lancaster-suporting-staff")
    } catch {
      #expect(
        error.rendered
          == """
          error: no entry has id 'lancaster-suporting-staff'; did you mean 'lancaster-supporting-affected-staff'?
            kind:lesson similar:lancaster-suporting-staff
                                ^^^^^^^^^^^^^^^^^^^^^^^^^
          """)
    }
  }

  @Test(arguments: ["similar:just*", "similar:a..b"])
  func takesOneId(_ query: String) {
    #expect(throws: QueryError.self) { try Self.bundled.run(query) }
  }

  @Test func mostSimilarLeavesOutTheCuratedLinks() {
    let id = "lancaster-supporting-affected-staff"
    let similar = Self.bundled.mostSimilar(to: id)
    let related = Self.bundled.knowledgeBase.entries.first { $0.id == id }!.related
    #expect(similar.count == 3)
    #expect(!similar.contains(id))
    #expect(!similar.contains { related.contains($0) })
    #expect(Self.bundled.mostSimilar(to: "no-such-entry").isEmpty)
  }

  /// Words and values alone, with no links: entries about the same thing come first.
  @Test func wordsAndValuesWithoutLinks() throws {
    func entry(_ id: String, _ tags: [String], _ body: String) -> Entry {
      Entry(id: id, title: id, tags: tags, body: body)
    }
    let entries = [
      entry("a", ["supervision"], "Supervisors hold huddles. Huddles help supervisors coach."),
      entry("b", ["supervision"], "Weekly huddles let supervisors coach workers."),
      entry("c", ["fatalities"], "Fatality reviews study a child's death and the system."),
      entry("d", ["fatalities"], "Reviews of a death look at the system, not the worker."),
      entry("e", [], "Unrelated text about budgets and budgets."),
    ]
    let searcher = Searcher(KnowledgeBase(root: "t", name: "t", vocabulary: nil, entries: entries))
    #expect(try Self.ids("similar:a", searcher).first == "b")
    #expect(try Self.ids("similar:c", searcher).first == "d")
    #expect(try !Self.ids("similar:a", searcher).contains("e"))
  }
}
