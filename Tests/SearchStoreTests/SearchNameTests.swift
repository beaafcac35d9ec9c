import KnowledgeModel
import QueryEngine
import Testing

@testable import SearchStore

@Suite struct SearchNameTests {
  @Test(
    "slugs",
    arguments: [
      ("lancaster-lessons", true), ("a", true), ("x1-2y", true), ("2026", true),
      ("", false), ("-a", false), ("a-", false), ("a--b", false), ("Lancaster", false),
      ("a_b", false), ("a b", false), ("café", false), ("a.b", false),
    ])
  func slug(name: String, valid: Bool) {
    #expect(Slug.isValid(name) == valid)
  }

  @Test func lastIsReserved() {
    #expect(SearchName.problem("last") == .reservedName("last"))
    #expect(SearchName.problem("Last") == .invalidName("Last"))
    #expect(SearchName.problem("lastly") == nil)
  }
}

@Suite struct ShellPipeTests {
  @Test(
    "a '!' outside quotes is found",
    arguments: [
      ("tag:x | ! rm -rf /", true),
      ("tag:x !", true),
      ("\"hello!\" tag:x", false),
      ("\"say \\\"hi!\\\"\"", false),
      ("it's ! date", true),  // a single quote is a word character, not a quote
      ("\"open ! never closed", true),
      ("\"a\\\\\" ! date", true),
      ("office:lancaster kind:lesson | sort date", false),
    ])
  func pipe(query: String, found: Bool) {
    #expect(ShellPipe.contains(query) == found)
  }
}

@Suite struct NameSuggestionTests {
  /// Saved-search names use the project's one suggestion helper; pinned here for names.
  @Test(
    "nearest names",
    arguments: [
      ("lancastr-lessons", "lancaster-lessons"),
      ("lanc", "lancaster-lessons"),
      ("falls", "falls-2025"),
      ("zzzzzz", nil),
    ] as [(String, String?)])
  func nearest(word: String, expected: String?) {
    let candidates = ["lancaster-lessons", "falls-2025", "near-miss"]
    #expect(Suggestion.nearest(word, in: candidates).first == expected)
  }
}
