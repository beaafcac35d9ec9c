import TestSupport
import Testing

@testable import KnowledgeModel

@Suite struct CheckerTests {
  /// Loads a fixture knowledge base with the fixture vocabulary and the given files, and returns
  /// every message of `check`, with the folder's path replaced by `kb`. The messages are the same
  /// when the entries keep neither the places of their keys and values nor their bodies, as
  /// `safetykb check` loads them (the file of an entry with a problem is then read again for
  /// its places).
  func check(
    _ files: [String: String], vocabulary: String = Fixtures.vocabulary,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws -> [String] {
    let folder = try TemporaryFolder()
    try folder.write("vocabulary.yaml", vocabulary)
    for (path, text) in files { try folder.write(path, text) }
    func messages(_ kb: KnowledgeBase) -> [String] {
      Checker.check(kb).map { $0.description.replacingAll(folder.path, with: "kb") }
    }
    let full = messages(try Loader.load(folder.path))
    let lean = try Loader.load(folder.path, locations: false, bodies: false)
    #expect(lean.entries.allSatisfy { $0.places.isEmpty && $0.body.isEmpty })
    #expect(messages(lean) == full, sourceLocation: sourceLocation)
    return full
  }

  /// Every vocabulary value used once, so that "not used" warnings stay out of the way.
  let allUsed = Fixtures.entry(
    id: "all", title: "All", tags: ["safety-culture", "supervision"],
    offices: ["la-dcfs/regional/lancaster"], outcomes: ["child-welfare/safety"])
  let otherKinds = [
    "principles/p.md": Fixtures.entry(title: "P", kind: "principle"),
    "practices/q.md": Fixtures.entry(title: "Q", kind: "practice"),
  ]

  func check(adding files: [String: String]) throws -> [String] {
    try check(files.merging(otherKinds) { a, _ in a })
  }

  @Test func checkReportsThesaurusProblemsWithTheirPlace() throws {
    let vocabulary =
      Fixtures.vocabulary
      + "\nsynonyms:\n  - [RCA, root cause analysis]\n  - [rca, review]\n  - []\n"
    let lines = vocabulary.split(separator: "\n", omittingEmptySubsequences: false).count
    let messages = try check(
      ["lessons/all.md": allUsed].merging(otherKinds) { a, _ in a }, vocabulary: vocabulary)
    #expect(
      messages == [
        "kb/vocabulary.yaml:\(lines - 2):6: error: synonym 'rca' is already in the group of 'RCA'; a word or phrase may be in one group only",
        "kb/vocabulary.yaml:\(lines - 1):5: error: empty synonym group",
      ])
  }

  @Test func aCleanKnowledgeBaseHasNoMessages() throws {
    #expect(try check(adding: ["lessons/all.md": allUsed]) == [])
  }

  @Test func reportsEachProblemWithItsPlace() throws {
    let broken = """
      ---
      id: Bad Id
      title: Broken
      kind: lesson
      tags: [supervison]
      offices: [la-dcfs/regional/lancester]
      outcomes: [child-welfare/safety]
      related: [all, gone]
      date: 2019-13-01
      sources:
        - title: ""
          url: not a url
      ---

      """
    let messages = try check(adding: ["lessons/all.md": allUsed, "lessons/broken.md": broken])
    #expect(
      messages == [
        "kb/lessons/broken.md:2:5: error: id 'Bad Id' is not a slug (use lower-case letters, digits and hyphens)",
        "kb/lessons/broken.md:5:8: error: unknown tag 'supervison'; did you mean 'supervision'?",
        "kb/lessons/broken.md:6:11: error: unknown office 'la-dcfs/regional/lancester'; did you mean 'la-dcfs/regional/lancaster'?",
        "kb/lessons/broken.md:8:16: error: related entry 'gone' does not exist",
        "kb/lessons/broken.md:9:7: error: invalid date '2019-13-01'; expected YYYY, YYYY-MM or YYYY-MM-DD",
        "kb/lessons/broken.md:10:1: error: source 1 has a malformed URL 'not a url'",
        "kb/lessons/broken.md:10:1: error: source 1 has no title",
        "kb/lessons/broken.md:14:1: warning: empty body",
      ])
  }

  @Test func reportsDuplicateIdsNamingBothFiles() throws {
    let messages = try check(adding: [
      "lessons/all.md": allUsed,
      "principles/again.md": Fixtures.entry(id: "all", title: "Again", kind: "principle"),
    ])
    #expect(
      messages == [
        "kb/principles/again.md:2:5: error: duplicate id 'all' (also in kb/lessons/all.md)"
      ])
  }

  @Test func reportsMissingTitleKindAndSources() throws {
    let messages = try check(adding: [
      "lessons/all.md": allUsed,
      "other/x.md": "---\ntags: [supervision]\n---\nbody\n",
      "other/y.md": "---\ntitle: \"\"\nkind: lessn\nsources: []\n---\nbody\n",
    ])
    #expect(
      messages == [
        "kb/other/x.md:1:1: warning: entry has no sources",
        "kb/other/x.md:1:1: error: missing kind; expected one of 'principle', 'practice', 'lesson'",
        "kb/other/x.md:1:1: error: missing title",
        "kb/other/y.md:2:1: error: empty title",
        "kb/other/y.md:3:7: error: unknown kind 'lessn'; did you mean 'lesson'?",
        "kb/other/y.md:4:1: warning: entry has no sources",
      ])
  }

  @Test func reportsVocabularyProblems() throws {
    let vocabulary = """
      kinds:
        lesson: {label: Lesson, description: L.}
      tags:
        Bad_Tag: {label: x, description: y}
        a: {label: A, description: d, aliases: [b]}
        b: {label: B, description: d}
        nodesc: {label: N}
      offices:
        x/y: {label: Y, description: d}
      outcomse: {}

      """
    let messages = try check(
      ["lessons/e.md": Fixtures.entry(title: "E", tags: ["a"], offices: ["x/y"], outcomes: [])],
      vocabulary: vocabulary)
    #expect(
      messages.contains(
        "kb/vocabulary.yaml:4:3: error: tag 'Bad_Tag' is not a slug or a '/'-path of slugs (lower-case letters, digits and hyphens)"
      ))
    #expect(messages.contains("kb/vocabulary.yaml:6:3: error: tag 'b' is already an alias of 'a'"))
    #expect(messages.contains("kb/vocabulary.yaml:7:3: error: tag 'nodesc' has no description"))
    #expect(
      messages.contains(
        "kb/vocabulary.yaml:9:3: error: office 'x/y' is below 'x', which is not defined"))
    #expect(
      messages.contains(
        "kb/vocabulary.yaml:10:1: warning: unknown vocabulary section 'outcomse'; did you mean 'outcomes'?"
      ))
    #expect(
      messages.contains("kb/vocabulary.yaml:7:3: warning: tag 'nodesc' is not used by any entry"))
  }

  @Test func summaryCountsEntriesErrorsAndWarnings() {
    let d = Diagnostic.warning(SourceLocation(path: "a"), "w")
    #expect(Checker.summary(entries: 41, [d, d]) == "41 entries, 0 errors, 2 warnings")
    #expect(
      Checker.summary(entries: 1, [.error(SourceLocation(path: "a"), "e")])
        == "1 entry, 1 error, 0 warnings")
  }

  @Test(arguments: [
    ("https://example.org/a?b=c", true), ("http://localhost:8080/", true),
    ("mailto:someone@example.org", true), ("not a url", false), ("example.org", false),
    ("https://", false), ("javascript:alert(1)", false), ("https://exa mple.org", false),
  ])
  func recognisesWellFormedURLs(url: String, ok: Bool) {
    #expect(Checker.isWellFormedURL(url) == ok)
  }
}

@Suite struct AddressCheckTests {
  @Test(
    "addresses that need another look",
    arguments: [
      (
        "https://www.scribd.com/document/1/x",
        [
          "source 1 is on 'scribd.com', a site that copies other publishers' documents; cite the publisher's own page"
        ]
      ),
      (
        "https://wwwstaging.casey.org/x/",
        ["source 1 is on the staging host 'wwwstaging.casey.org'; cite the production site"]
      ),
      (
        "http://www.casey.org/x/",
        ["source 1 uses 'http' on 'www.casey.org', which serves 'https'; use 'https'"]
      ),
      (
        "http://bsa.ca.gov/reports/2018-126",
        ["source 1 uses 'http' on 'bsa.ca.gov', which serves 'https'; use 'https'"]
      ),
      (
        "https://example.org/a?utm_source=x&id=3&fbclid=y",
        [
          "source 1 has the tracking parameter 'utm_source'; remove it",
          "source 1 has the tracking parameter 'fbclid'; remove it",
        ]
      ),
      (
        "https://www.ncbi.nlm.nih.gov/pubmed/123",
        ["source 1 uses an old PubMed address; use 'https://pubmed.ncbi.nlm.nih.gov/…'"]
      ),
      ("http://example.org/plain", []),
      ("https://pubmed.ncbi.nlm.nih.gov/123/", []),
      ("https://www.alliance1.org/page?hkey=abc", []),
    ])
  func problems(url: String, expected: [String]) {
    #expect(AddressCheck.problems(url, source: 1) == expected)
  }

  @Test func oneAddressUnderTwoTitlesIsReported() throws {
    let folder = try TemporaryFolder()
    try folder.write("vocabulary.yaml", Fixtures.vocabulary)
    try folder.write("lessons/a.md", Fixtures.entry(title: "A"))
    try folder.write(
      "lessons/b.md",
      Fixtures.entry(title: "B").replacingOccurrences(
        of: "title: A source\n    url: https://example.org/a",
        with: "title: Another title\n    url: http://example.org/a/"))
    let kb = try Loader.load(folder.path)
    let messages = AddressCheck.titleClashes(kb).map(\.description)
    #expect(messages.count == 1)
    #expect(
      messages.first?.hasSuffix(
        "warning: source 1 'http://example.org/a/' is titled 'Another title' here and 'A source' in \(folder.path)/lessons/a.md; use one title for one address"
      ) == true, "\(messages)")
  }
}
