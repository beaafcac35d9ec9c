import KnowledgeModel
import Testing

@testable import QueryEngine

@Suite struct SavedSearchTests {
  @Test func expands() throws {
    #expect(Set(try Fixture.ids("@lan")) == ["pr-critical-incident-review", "l-lancaster-debrief"])
    #expect(try Fixture.ids("@lan kind:lesson") == ["l-lancaster-debrief"])
  }

  @Test func parameters() throws {
    #expect(
      try Fixture.ids(#"@near(lancaster, "psychological safety")"#) == ["l-lancaster-debrief"])
    #expect(try Fixture.ids("@near(la-dcfs, huddles)") == ["pr-cqi"])
  }

  @Test(arguments: [
    #"@inj("x OR *")"#, "@inj(x OR *)", "@words(x OR *)", #"@inj("safety-culture) OR (*")"#,
  ])
  func argumentsCannotInject(_ query: String) throws {
    let result = try Fixture.searcher.run(query, savedSearches: Fixture.saved)
    #expect(!result.found)
  }

  @Test func stagesCompose() throws {
    #expect(try Fixture.ids("@recent") == ["pr-critical-incident-review", "l-lancaster-debrief"])
    #expect(try Fixture.ids("@recent | limit 1") == ["pr-critical-incident-review"])
    // Inside a larger expression only the expression counts.
    #expect(
      try Fixture.ids("@recent OR kind:principle") == [
        "pr-critical-incident-review", "p-just-culture", "l-lancaster-debrief", "p-safety-science",
      ])
  }

  @Test func last() throws {
    #expect(try Fixture.ids("@last kind:lesson", last: "office:la-dcfs") == ["l-lancaster-debrief"])
  }

  @Test(arguments: [
    ("@a", "error: saved search 'a' refers to itself: @a → @b → @a\n  @a\n  ^^"),
    ("x @b", "error: saved search 'b' refers to itself: @b → @a → @b\n  x @b\n    ^^"),
    (
      "@near(lancaster)",
      "error: saved search 'near' needs 2 arguments; missing '$2'\n  @near(lancaster)\n  ^^^^^^^^^^^^^^^^"
    ),
    ("@lan(x)", "error: saved search 'lan' takes no arguments, not 1\n  @lan(x)\n  ^^^^^^^"),
    ("@recnt", "error: unknown saved search 'recnt'; did you mean 'recent'?\n  @recnt\n  ^^^^^^"),
    ("@last", "error: no previous query for '@last'\n  @last\n  ^^^^^"),
  ])
  func errors(_ query: String, _ rendered: String) {
    do {
      _ = try Fixture.ids(query)
      Issue.record("no error")
    } catch {
      #expect(error.rendered == rendered)
    }
  }

  @Test func noSavedSearches() {
    do {
      _ = try Fixture.searcher.run("@x")
      Issue.record("no error")
    } catch {
      #expect(error.message == "unknown saved search 'x'")
    }
  }

  @Test func validatesBeforeSaving() throws {
    try Fixture.searcher.validateSavedSearch(
      name: "mine", query: "office:$1 | limit 3", savedSearches: Fixture.saved)
    #expect(throws: QueryError.self) {
      try Fixture.searcher.validateSavedSearch(
        name: "mine", query: "@nope", savedSearches: Fixture.saved)
    }
    let loop = SavedSearchList(["other": "@mine"])
    do {
      try Fixture.searcher.validateSavedSearch(name: "mine", query: "@other", savedSearches: loop)
      Issue.record("no error")
    } catch {
      #expect(error.message == "saved search 'mine' refers to itself: @mine → @other → @mine")
    }
    #expect(throws: QueryError.self) {
      try Fixture.searcher.validateSavedSearch(name: "last", query: "x")
    }
  }
}
