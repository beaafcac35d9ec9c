import Foundation
import Testing

@testable import SearchStore

@Suite struct PreservationTests {
  let handWritten = """
    version: 1
    owner: safety team
    searches:
      - name: zebra
        query: 'tag:zebra'
        pinned: true
        created: 2025-01-01T00:00:00Z
        updated: 2025-01-01T00:00:00Z
      - name: alpha
        description: Alpha things
        query: 'tag:alpha'
        colour: blue
        created: 2025-02-01T00:00:00Z
        updated: 2025-02-01T00:00:00Z
    notes:
      - keep me

    """

  @Test func unknownKeysAndOrderSurviveAnAppend() throws {
    let f = Fixture()
    f.writePersonal(handWritten)
    try f.searches().save(name: "middle", query: "tag:m")
    #expect(
      f.personalText == """
        version: 1
        owner: safety team
        searches:
          - name: zebra
            query: 'tag:zebra'
            pinned: true
            created: 2025-01-01T00:00:00Z
            updated: 2025-01-01T00:00:00Z
          - name: alpha
            description: Alpha things
            query: 'tag:alpha'
            colour: blue
            created: 2025-02-01T00:00:00Z
            updated: 2025-02-01T00:00:00Z
          - name: middle
            query: 'tag:m'
            created: 2026-11-27T10:00:00Z
            updated: 2026-11-27T10:00:00Z
        notes:
        - keep me

        """)
  }

  @Test func replacingKeepsPlaceKeysAndCreated() throws {
    let f = Fixture()
    f.writePersonal(handWritten)
    try f.searches().save(name: "zebra", query: "tag:zebra office:york", force: true)
    let text = try #require(f.personalText)
    #expect(
      text.contains(
        """
          - name: zebra
            query: 'tag:zebra office:york'
            pinned: true
            created: 2025-01-01T00:00:00Z
            updated: 2026-11-27T10:00:00Z
          - name: alpha
        """))
    #expect(f.searches().load().searches.map(\.name) == ["alpha", "zebra"])
  }

  @Test func deletingKeepsTheRest() throws {
    let f = Fixture()
    f.writePersonal(handWritten)
    try f.searches().delete(name: "zebra")
    let text = try #require(f.personalText)
    #expect(text.hasPrefix("version: 1\nowner: safety team\nsearches:\n  - name: alpha\n"))
    #expect(text.contains("colour: blue"))
    #expect(text.contains("notes:\n- keep me"))
  }

  @Test func entriesWithProblemsAreReportedAndKept() throws {
    let f = Fixture()
    f.writePersonal(
      """
      searches:
        - name: Bad_Name
          query: x
        - name: no-query
        - just a string
        - name: ok
          query: y
        - name: ok
          query: z

      """)
    let catalog = f.searches().load()
    #expect(catalog.names == ["ok"])
    #expect(catalog.lookup(name: "ok")?.search.query == "y")
    let p = f.personalPath
    #expect(
      catalog.problems.map(\.description) == [
        "\(p):2:11: error: 'Bad_Name' is not a valid name for a saved search; use lower-case"
          + " letters and digits joined by single hyphens, e.g. 'lancaster-lessons'; skipped",
        "\(p):4:5: error: saved search 'no-query' has no 'query'; skipped",
        "\(p):5:5: error: expected a saved search (a mapping with 'name' and 'query')",
        "\(p):8:11: error: a saved search named 'ok' appears again; the first one is used",
      ])
    #expect(catalog.problems.allSatisfy { !$0.isFatal })
    try f.searches().save(name: "new", query: "q")
    let text = try #require(f.personalText)
    #expect(text.contains("name: Bad_Name") && text.contains("- just a string"))
  }
}

@Suite struct CommentTests {
  /// Pins a known limit: libyaml's node tree has no place for comments, so a rewrite drops them.
  @Test func commentsAreLostOnRewriteButDataIsKept() throws {
    let f = Fixture()
    f.writePersonal("# mine\nsearches:\n  - name: a  # first\n    query: 'x'\n")
    try f.searches().save(name: "b", query: "y")
    let text = try #require(f.personalText)
    #expect(!text.contains("#"))
    #expect(f.searches().load().names == ["a", "b"])
  }
}
