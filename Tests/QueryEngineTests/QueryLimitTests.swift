import KnowledgeModel
import QueryEngine
import Testing

/// Queries at the contract's limits answer or refuse cleanly: no crash, no hang, a located error.
@Suite struct QueryLimitTests {
  let searcher = Searcher(
    KnowledgeBase(root: "kb", name: "kb", vocabulary: nil, entries: Fixture.entries))

  func error(_ text: String) -> QueryError? {
    do {
      _ = try searcher.run(text)
      return nil
    } catch {
      return error
    }
  }

  @Test func tenThousandCharactersAnswer() throws {
    let text = String(repeating: "culture ", count: 1_250)
    #expect(text.count == 10_000)
    let clock = ContinuousClock()
    let start = clock.now
    _ = try searcher.run(text)
    #expect(clock.now - start < .seconds(30))
  }

  @Test func oneCharacterMoreIsRefused() {
    let text = String(repeating: "a", count: 10_001)
    #expect(error(text)?.message == "query is 10001 characters long; the limit is 10000")
  }

  @Test func aMillionCharactersAreRefusedQuickly() {
    let clock = ContinuousClock()
    let start = clock.now
    #expect(
      error(String(repeating: "(", count: 1_000_000))?.message.hasPrefix("query is 1000000") == true
    )
    #expect(clock.now - start < .seconds(10))
  }

  @Test func nestingOfOneHundredAnswers() throws {
    func ids(_ text: String) throws -> Set<Int> {
      guard case .entries(let hits, _) = try searcher.run(text).output else { return [] }
      return Set(hits.map(\.entry))
    }
    let plain = try ids("culture")
    #expect(!plain.isEmpty && plain.count < Fixture.entries.count)
    let text = String(repeating: "(", count: 100) + "culture" + String(repeating: ")", count: 100)
    #expect(try ids(text) == plain)
    // 99 NOTs are one NOT; 98 cancel out.
    #expect(try ids(String(repeating: "NOT ", count: 99) + "culture") == (try ids("NOT culture")))
    #expect(try ids(String(repeating: "NOT ", count: 98) + "culture") == plain)
  }

  @Test(arguments: [
    String(repeating: "(", count: 101) + "a" + String(repeating: ")", count: 101),
    String(repeating: "NOT ", count: 101) + "a",
    String(repeating: "-", count: 101) + "a",
    String(repeating: "(", count: 5_000),
  ])
  func deeperNestingIsRefused(_ text: String) {
    let e = error(text)
    #expect(e != nil)
    #expect(e?.rendered.contains("^") == true)
  }

  @Test func hugeLimitAnswers() throws {
    let result = try searcher.run("* | limit 999999999999")
    guard case .entries(let hits, _) = result.output else { Issue.record("not entries"); return }
    #expect(hits.count == Fixture.entries.count)
  }

  @Test func aLimitBeyondAnyIntegerAnswers() throws {
    // The contract accepts any size.
    let result = try searcher.run("* | limit 99999999999999999999999")
    guard case .entries(let hits, _) = result.output else { Issue.record("not entries"); return }
    #expect(hits.count == Fixture.entries.count)
  }

  @Test(arguments: [("* | limit -1", "'-1'"), ("* | limit 1e9", "'1e9'")])
  func limitsThatAreNotWholeNumbersAreRefused(_ text: String, _ quoted: String) {
    #expect(
      error(text)?.message == "expected a whole number of 0 or more after 'limit', not \(quoted)")
  }

  @Test func countByAFieldWithAHundredThousandValues() throws {
    let entries = (0..<100_000).map { i in
      Entry(
        id: "e\(i)", title: "Entry \(i)", kind: "lesson", extra: [("serial", .text("s\(i)"))],
        body: "")
    }
    let big = Searcher(KnowledgeBase(root: "kb", name: "kb", vocabulary: nil, entries: entries))
    let clock = ContinuousClock()
    let start = clock.now
    let result = try big.run("* | count by serial | limit 3")
    #expect(clock.now - start < .seconds(30))
    guard case .facets(_, let rows) = result.output else { Issue.record("not facets"); return }
    #expect(rows.count == 3)
    let all = try big.run("* | count by serial")
    guard case .facets(_, let allRows) = all.output else { Issue.record("not facets"); return }
    #expect(allRows.count == 100_000)
  }
}
