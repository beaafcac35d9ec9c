import Testing

@testable import KnowledgeModel

/// `synonyms:` in vocabulary.yaml: groups of words and phrases, checked where they are written.
@Suite struct SynonymReaderTests {
  static func read(_ yaml: String) -> (Vocabulary?, [String]) {
    let (v, d) = VocabularyReader.read(text: yaml, displayPath: "kb/vocabulary.yaml")
    return (v, d.map(\.description))
  }

  @Test func readsGroupsOfWordsAndPhrases() {
    let (v, d) = Self.read(
      """
      synonyms:
        - [root cause analysis, RCA, RCA2]
        - [caseworker, social   worker, case worker]
        -
          - near miss
          - close call
      """)
    #expect(d == [])
    #expect(
      v?.synonyms.map(\.members) == [
        ["root cause analysis", "RCA", "RCA2"], ["caseworker", "social worker", "case worker"],
        ["near miss", "close call"],
      ])
    #expect(v?.synonyms[1].locations[1].line == 3)
  }

  @Test(arguments: [
    (
      "synonyms:\n  - [RCA, root cause analysis]\n  - [rca, review]\n",
      [
        "kb/vocabulary.yaml:3:6: error: synonym 'rca' is already in the group of 'RCA'; a word or phrase may be in one group only"
      ]
    ),
    (
      "synonyms:\n  - [near miss, close call, Near  Miss]\n",
      [
        "kb/vocabulary.yaml:2:29: error: synonym 'Near Miss' is already in this group; a word or phrase may be in one group only"
      ]
    ),
    ("synonyms:\n  - []\n", ["kb/vocabulary.yaml:2:5: error: empty synonym group"]),
    (
      "synonyms:\n  - rca\n",
      [
        "kb/vocabulary.yaml:2:5: error: a synonym group must be a list, such as '[near miss, close call]'"
      ]
    ),
    (
      "synonyms: rca\n",
      [
        "kb/vocabulary.yaml:1:11: error: 'synonyms' must be a list of groups, such as '- [RCA, root cause analysis]'"
      ]
    ),
    (
      "synonyms:\n  - [rca]\n",
      ["kb/vocabulary.yaml:2:5: warning: synonym group 'rca' has only one member"]
    ),
  ])
  func reportsProblemsWithTheirPlace(_ yaml: String, _ expected: [String]) {
    #expect(Self.read(yaml).1 == expected)
  }

  @Test func completesMembers() {
    let (v, _) = Self.read("synonyms:\n  - [caseworker, social worker, case worker]\n  - [CQI]\n")
    #expect(v?.synonymCompletions(prefix: "cas") == ["\"case worker\"", "caseworker"])
    #expect(v?.synonymCompletions(prefix: "\"so") == ["\"social worker\""])
    #expect(v?.synonymCompletions(prefix: "cq") == ["CQI"])
    #expect(v?.synonymCompletions(prefix: "x") == [])
  }
}

/// A value is resolved to its canonical spelling whatever its case: lower-case ASCII is looked
/// up as it is, anything else lower-cased first.
@Suite struct VocabularyResolveTests {
  @Test func resolvesAValueWhateverItsCase() throws {
    let (vocabulary, problems) = VocabularyReader.read(
      text: """
        tags:
          safety-culture: {label: Safety culture, description: d, aliases: [culture, kultur-ä]}
        offices:
          la-dcfs: {label: DCFS, description: d}
          la-dcfs/lancaster: {label: Lancaster, description: d, aliases: [lancaster-office]}
        """, displayPath: "kb/vocabulary.yaml")
    #expect(problems.isEmpty)
    let v = try #require(vocabulary)
    #expect(v.resolve("culture", in: .tag) == "safety-culture")
    #expect(v.resolve("Culture", in: .tag) == "safety-culture")
    #expect(v.resolve("SAFETY-CULTURE", in: .tag) == "safety-culture")
    #expect(v.resolve("Kultur-Ä", in: .tag) == "safety-culture")
    #expect(v.resolve("Lancaster-Office", in: .office) == "la-dcfs/lancaster")
    #expect(v.resolve("lancaster-office", in: .tag) == nil)
    #expect(v.resolve("cultures", in: .tag) == nil)
  }
}
