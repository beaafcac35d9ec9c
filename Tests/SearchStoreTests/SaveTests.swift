import Foundation
import Testing

@testable import SearchStore

@Suite struct SaveTests {
  @Test func firstSaveWritesTheDocumentedFormat() throws {
    let f = Fixture()
    let outcome = try f.searches().save(
      name: "lancaster-lessons", query: "office:lancaster kind:lesson",
      description: "What the Lancaster office learned")
    #expect(outcome == .created)
    #expect(
      f.personalText == """
        searches:
          - name: lancaster-lessons
            description: What the Lancaster office learned
            query: 'office:lancaster kind:lesson'
            created: 2026-11-27T10:00:00Z
            updated: 2026-11-27T10:00:00Z

        """)
  }

  @Test func savedSearchLoadsBack() throws {
    let f = Fixture()
    try f.searches().save(name: "falls", query: "tag:falls | sort date $1", description: nil)
    let catalog = f.searches().load()
    #expect(catalog.problems.isEmpty)
    let expected = SavedSearch(
      name: "falls", query: "tag:falls | sort date $1",
      created: Date(timeIntervalSince1970: Fixture.start),
      updated: Date(timeIntervalSince1970: Fixture.start))
    #expect(catalog.searches == [ListedSearch(search: expected, origin: .personal)])
    #expect(f.searches().lookup(name: "falls")?.search.query == "tag:falls | sort date $1")
    #expect(f.searches().lookup(name: "nope") == nil)
  }

  @Test func awkwardTextRoundTrips() throws {
    let f = Fixture()
    let query = #"tag:"it's" OR "a: b" | cols id,title # $2"#
    try f.searches().save(name: "true", query: query, description: "yes")
    try f.searches().save(name: "12", query: "x", description: "- dash: colon")
    let catalog = f.searches().load()
    #expect(catalog.problems.isEmpty)
    #expect(catalog.lookup(name: "true")?.search.query == query)
    #expect(catalog.lookup(name: "true")?.search.description == "yes")
    #expect(catalog.lookup(name: "12")?.search.description == "- dash: colon")
  }

  @Test func newFileIsPrivateAndFolderCreated() throws {
    let f = Fixture()
    try f.searches().save(name: "a", query: "x")
    let file = try FileManager.default.attributesOfItem(atPath: f.personalPath)
    #expect((file[.posixPermissions] as? Int) == 0o600)
    let folder = try FileManager.default.attributesOfItem(
      atPath: f.folder.file("config/safetykb"))
    #expect((folder[.posixPermissions] as? Int) == 0o700)
  }

  @Test func rewriteKeepsTheFileMode() throws {
    let f = Fixture()
    try f.searches().save(name: "a", query: "x")
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o640], ofItemAtPath: f.personalPath)
    try f.searches().save(name: "b", query: "y")
    let file = try FileManager.default.attributesOfItem(atPath: f.personalPath)
    #expect((file[.posixPermissions] as? Int) == 0o640)
  }

  @Test func overwriteNeedsForceAndKeepsCreated() throws {
    let f = Fixture()
    try f.searches().save(name: "a", query: "x", description: "first")
    #expect(throws: SearchStoreError.alreadyExists(name: "a")) {
      try f.searches(at: Fixture.start + 60).save(name: "a", query: "y")
    }
    let outcome = try f.searches(at: Fixture.start + 60).save(name: "a", query: "y", force: true)
    #expect(outcome == .replaced)
    let search = try #require(f.searches().lookup(name: "a")).search
    #expect(search.query == "y")
    #expect(search.description == "first")  // nil keeps the old description
    #expect(search.created == Date(timeIntervalSince1970: Fixture.start))
    #expect(search.updated == Date(timeIntervalSince1970: Fixture.start + 60))
  }

  @Test(
    "refused before anything is written",
    arguments: [
      ("last", "tag:x", SearchStoreError.reservedName("last")),
      ("Bad Name", "tag:x", .invalidName("Bad Name")),
      ("a--b", "tag:x", .invalidName("a--b")),
      ("ok", "   ", .emptyQuery(name: "ok")),
      ("ok", "tag:x | ! rm -rf ~", .shellPipe(name: "ok")),
      ("ok", "bad(", .invalidQuery(name: "ok", message: "expected ')' after 'bad('")),
    ])
  func refused(name: String, query: String, error: SearchStoreError) {
    let f = Fixture()
    #expect(throws: error) {
      try f.searches().save(name: name, query: query) { q in
        q.contains("(") ? "expected ')' after '\(q)'" : nil
      }
    }
    #expect(!FileManager.default.fileExists(atPath: f.personalPath))
  }

  @Test func validationSeesTheTrimmedQuery() throws {
    let f = Fixture()
    var seen: [String] = []
    try f.searches().save(name: "a", query: "  tag:x \n") {
      seen.append($0); return nil
    }
    #expect(seen == ["tag:x"])
  }

  @Test(
    "messages",
    arguments: [
      (
        SearchStoreError.alreadyExists(name: "x"),
        "a saved search named 'x' already exists; use --force to replace it"
      ),
      (.notFound(name: "x", suggestion: "y"), "no saved search named 'x'; did you mean 'y'?"),
      (.notFound(name: "x", suggestion: nil), "no saved search named 'x'"),
      (
        .sharedIsReadOnly(name: "x"),
        "cannot delete 'x': it is a shared saved search and is read-only"
      ),
      (
        .unreadable(
          .save,
          StoreProblem(path: "/p.yaml", line: 3, column: 5, message: "bad", isFatal: true)),
        "cannot save: '/p.yaml' could not be read (line 3, column 5: bad); fix or move it first"
      ),
    ])
  func message(error: SearchStoreError, text: String) {
    #expect(error.description == text)
  }
}
