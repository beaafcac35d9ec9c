import Foundation
import Testing

@testable import SearchStore

@Suite struct BrokenStoreTests {
  static let broken = """
    searches:
      - name: fine
        query: 'tag:x'
       - name: misplaced
        query: [unclosed

    """

  let sharedText = "searches:\n  - name: shared-one\n    query: 'tag:s'\n"

  @Test func loadReportsLineAndColumnAndStillGivesShared() throws {
    let f = Fixture()
    f.writeShared(sharedText)
    f.writePersonal(Self.broken)
    let before = try #require(f.folder.bytes("config/safetykb/searches.yaml"))
    let catalog = f.searches().load()
    #expect(catalog.names == ["shared-one"])
    let problem = try #require(catalog.problems.first)
    #expect(catalog.problems.count == 1)
    #expect(problem.isFatal)
    #expect(problem.path == f.personalPath)
    #expect(problem.line == 4 && problem.column == 4)
    #expect(problem.description.hasPrefix("\(f.personalPath):4:4: error: invalid YAML: "))
    #expect(f.folder.bytes("config/safetykb/searches.yaml") == before)
  }

  @Test(
    "broken files are left byte for byte",
    arguments: [
      broken,
      "searches: [a, b\n",
      "- just\n- a list\n",
      "searches: not a list\n",
      "searches:\n  - name: a\n\tquery: tab\n",
      "searches:\n  - name: a\n    query: x\n    query: y\n",
    ])
  func refusedChangesLeaveTheFile(text: String) throws {
    let f = Fixture()
    f.writeShared(sharedText)
    f.writePersonal(text)
    let before = try #require(f.folder.bytes("config/safetykb/searches.yaml"))
    let problem = try #require(f.searches().load().problems.first)
    #expect(problem.isFatal)
    #expect(throws: SearchStoreError.unreadable(.save, problem)) {
      try f.searches().save(name: "new", query: "tag:y", force: true)
    }
    #expect(throws: SearchStoreError.unreadable(.delete, problem)) {
      try f.searches().delete(name: "fine")
    }
    #expect(f.folder.bytes("config/safetykb/searches.yaml") == before)
    #expect(f.searches().lookup(name: "shared-one")?.origin == .shared)
  }

  @Test func refusalMessageNamesThePlace() throws {
    let f = Fixture()
    f.writePersonal("searches: not a list\n")
    do {
      try f.searches().save(name: "new", query: "tag:y")
      Issue.record("save should have been refused")
    } catch {
      #expect(
        error.description
          == "cannot save: '\(f.personalPath)' could not be read (line 1, column 11: expected"
          + " 'searches' to be a list); fix or move it first")
    }
  }

  @Test func emptyFileIsAnEmptyStore() throws {
    let f = Fixture()
    f.writePersonal("")
    #expect(f.searches().load() == SearchCatalog(searches: [], problems: []))
    try f.searches().save(name: "a", query: "x")
    #expect(f.searches().load().names == ["a"])
  }

  @Test func brokenSharedStoreIsReported() {
    let f = Fixture()
    f.writeShared("searches: [\n")
    let catalog = f.searches().load()
    #expect(catalog.searches.isEmpty)
    #expect(catalog.problems.first?.path == f.sharedPath)
  }
}
