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
    #expect(SearchName.isSlug(name) == valid)
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
  @Test(
    "nearest names",
    arguments: [
      ("lancastr-lessons", "lancaster-lessons"),
      ("lanc", "lancaster-lessons"),
      ("falls", "falls"),  // exact matches are not suggestions: handled below
      ("zzzzzz", nil),
    ] as [(String, String?)])
  func nearest(word: String, expected: String?) {
    let candidates = ["lancaster-lessons", "falls-2025", "near-miss"]
    if word == "falls" {
      #expect(NameSuggestion.nearest(word, in: candidates) == "falls-2025")
    } else {
      #expect(NameSuggestion.nearest(word, in: candidates) == expected)
    }
  }

  @Test func distance() {
    #expect(NameSuggestion.distance("kitten", "sitting") == 3)
    #expect(NameSuggestion.distance("", "abc") == 3)
  }
}

@Suite struct StorePathsTests {
  @Test(
    "personal store path",
    arguments: [
      (["SAFETYKB_SEARCHES": "/x/s.yaml", "XDG_CONFIG_HOME": "/c"], "/x/s.yaml"),
      (["XDG_CONFIG_HOME": "/c", "HOME": "/h"], "/c/safetykb/searches.yaml"),
      (["XDG_CONFIG_HOME": "relative", "HOME": "/h"], "/h/.config/safetykb/searches.yaml"),
      (["SAFETYKB_SEARCHES": "", "HOME": "/h"], "/h/.config/safetykb/searches.yaml"),
    ])
  func personal(environment: [String: String], expected: String) {
    #expect(StorePaths.personal(environment: environment) == expected)
  }

  @Test func shared() {
    #expect(SharedStore(knowledgeBase: "/kb").path == "/kb/searches.yaml")
    #expect(SharedStore(knowledgeBase: "/kb/").path == "/kb/searches.yaml")
  }
}
