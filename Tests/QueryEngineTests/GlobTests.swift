import KnowledgeModel
import Testing

@testable import QueryEngine

/// `*` inside a value is a glob over the values in use; inside a full-text word it is an error.
@Suite struct GlobTests {
  @Test(arguments: [
    ("tag:*culture", ["p-just-culture", "pr-cqi"]),
    ("tag:*CULTURE | sort id", ["p-just-culture", "pr-cqi"]),
    ("outcome:*fatal*", ["pr-critical-incident-review"]),
    ("office:*caster", ["l-lancaster-debrief", "pr-critical-incident-review"]),
    ("office:la-dcfs/*/lancaster", ["l-lancaster-debrief", "pr-critical-incident-review"]),
    ("id:p*-c*", ["p-just-culture", "pr-cqi", "pr-critical-incident-review"]),
    ("status:*iv*", ["p-just-culture", "pr-cqi"]),
    ("kind:*ss*", ["l-lancaster-debrief"]),
  ])
  func globsMatchValuesInUse(_ query: String, _ expected: [String]) throws {
    let found = try Fixture.ids(query.contains("|") ? query : query + " | sort id")
    #expect(found == expected, "\(found)")
  }

  @Test func aGlobNobodyMatchesWarns() throws {
    let result = try Fixture.searcher.run("tag:*zzz*")
    #expect(result.warnings.map(\.message) == ["no entry has a tag matching '*zzz*'"])
    #expect(!result.found)
  }

  @Test(arguments: [
    (
      "cul*ture",
      """
      error: '*' may only end a word, as in 'incid*'; 'cul*ture' has one inside (a value such as 'tag:*culture' may have them anywhere)
        cul*ture
           ^
      """
    ),
    (
      "just body:*ture",
      """
      error: '*' may only end a word in full text, as in 'incid*'; '*ture' has one inside
        just body:*ture
                  ^
      """
    ),
    (
      "a**",
      """
      error: '*' may only end a word, as in 'incid*'; 'a**' has one inside (a value such as 'tag:*culture' may have them anywhere)
        a**
         ^
      """
    ),
  ])
  func aStarInsideAFullTextWordIsAnError(_ query: String, _ expected: String) {
    #expect(throws: QueryError.self) { try Fixture.searcher.run(query) }
    do {
      _ = try Fixture.searcher.run(query)
    } catch {
      #expect(error.rendered == expected)
    }
  }

  @Test(arguments: [
    ("abc", "a*", true), ("abc", "*c", true), ("abc", "*b*", true), ("abc", "a*c", true),
    ("abc", "*", true), ("abc", "b*", false), ("abc", "*d*", false), ("a/b/c", "a*c", true),
    ("ABC", "*b*", true), ("", "*", true), ("aaa", "a*a*a", true), ("aa", "a*a*a", false),
  ])
  func globMatching(_ value: String, _ pattern: String, _ expected: Bool) {
    #expect(Glob.matches(value, pattern) == expected)
  }

  @Test func explainListsTheValues() throws {
    let text = try Fixture.searcher.explain("tag:*culture")
    #expect(
      text.contains(
        "tag:*culture (values matching '*culture': just-culture, safety-culture, and below): 2 entries"
      ),
      "\(text)")
  }
}
