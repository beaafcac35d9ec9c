import Testing

@testable import QueryEngine

/// `| fields *`: every column.
@Suite struct FieldsStarTests {
  static func columns(_ query: String) throws -> [String] {
    guard case .entries(_, let columns) = try Fixture.searcher.run(query).output else { return [] }
    return columns.map(\.description)
  }

  @Test func starSelectsEveryStoredFieldThenTheOtherKeys() throws {
    #expect(
      try Self.columns("* | fields *") == [
        "id", "kind", "date", "title", "summary", "tag", "office", "outcome", "related", "source",
        "path", "body", "priority", "status",
      ])
  }

  @Test func starMixesWithNamesWithoutRepeatingThem() throws {
    let columns = try Self.columns("culture | fields score, *")
    #expect(columns.first == "score")
    #expect(columns.count == 15)
    #expect(Set(columns).count == columns.count)
    #expect(try Self.columns("* | fields *, id, score").suffix(2) == ["status", "score"])
  }

  @Test func queriesKeepTheirFourColumnsByDefault() throws {
    #expect(try Self.columns("culture") == ["id", "kind", "date", "title"])
    #expect(try Self.columns("*") == ["id", "kind", "date", "title"])
  }
}
