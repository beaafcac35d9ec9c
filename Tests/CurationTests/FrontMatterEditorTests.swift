import Curation
import KnowledgeModel
import TestSupport
import Testing

/// `tag`'s editor, byte for byte: only the changed key's lines differ; comments, key order,
/// quoting, line ends, a byte order mark and the body stay exactly as written.
@Suite struct FrontMatterEditorTests {
  static let vocabulary = VocabularyReader.read(text: Fixtures.vocabulary, displayPath: "v").0

  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var changes: [String]
    var before: String
    var after: String?
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "flow list: add, keeping comments, order and quoting",
      changes: ["+safety-culture"],
      before: """
        ---
        # a comment before
        title: "Quoted: title"   # trailing
        tags: [supervision]  # why these tags
        kind: lesson
        ---
        Body with tags: [x] in it.

        """,
      after: """
        ---
        # a comment before
        title: "Quoted: title"   # trailing
        tags: [supervision, safety-culture]  # why these tags
        kind: lesson
        ---
        Body with tags: [x] in it.

        """),
    Case(
      name: "flow list: remove, alias spelling matched, quoted item kept",
      changes: ["-safety-culture"],
      before: "---\ntitle: T\ntags: ['supervision',culture]\n---\nbody\n",
      after: "---\ntitle: T\ntags: ['supervision']\n---\nbody\n"),
    Case(
      name: "flow list: separator without spaces kept",
      changes: ["+safety-culture"],
      before: "---\ntitle: T\ntags: [supervision]\noffices: [a,b]\n---\n",
      after: "---\ntitle: T\ntags: [supervision, safety-culture]\noffices: [a,b]\n---\n"),
    Case(
      name: "block list: add after the last item, same indent",
      changes: ["+safety-culture"],
      before:
        "---\ntitle: T\ntags:\n  - supervision   # first\n# between keys\nkind: lesson\n---\nb\n",
      after:
        "---\ntitle: T\ntags:\n  - supervision   # first\n  - safety-culture\n# between keys\nkind: lesson\n---\nb\n"
    ),
    Case(
      name: "block list at column 0: remove one item, keep the other and its comment",
      changes: ["-supervision"],
      before:
        "---\ntitle: T\ntags:\n- supervision\n# keep me\n- \"safety-culture\"\nkind: lesson\n---\n",
      after: "---\ntitle: T\ntags:\n# keep me\n- \"safety-culture\"\nkind: lesson\n---\n"),
    Case(
      name: "block list: removing the last item leaves an empty list",
      changes: ["-supervision"],
      before: "---\ntitle: T\ntags:  # note\n  - supervision\nkind: lesson\n---\n",
      after: "---\ntitle: T\ntags: []  # note\nkind: lesson\n---\n"),
    Case(
      name: "CRLF line ends stay CRLF, the new item too",
      changes: ["+safety-culture", "+office:dcfs"],
      before:
        "---\r\ntitle: T\r\ntags:\r\n  - supervision\r\noffices: [la-dcfs/regional]\r\n---\r\nBody\r\n",
      after:
        "---\r\ntitle: T\r\ntags:\r\n  - supervision\r\n  - safety-culture\r\noffices: [la-dcfs/regional, la-dcfs]\r\n---\r\nBody\r\n"
    ),
    Case(
      name: "a byte order mark stays",
      changes: ["-supervision"],
      before: "\u{FEFF}---\ntitle: T\ntags: [supervision, safety-culture]\n---\nBody",
      after: "\u{FEFF}---\ntitle: T\ntags: [safety-culture]\n---\nBody"),
    Case(
      name: "a missing key is added after the key before it",
      changes: ["+outcome:child-welfare/safety"],
      before: "---\ntitle: T\ntags: [supervision]\noffices: [la-dcfs]\ndate: 2020\n---\n",
      after:
        "---\ntitle: T\ntags: [supervision]\noffices: [la-dcfs]\noutcomes: [child-welfare/safety]\ndate: 2020\n---\n"
    ),
    Case(
      name: "a missing tags key goes after the title, with the file's line end",
      changes: ["+supervision"],
      before: "---\r\ntitle: T\r\ndate: 2020\r\n---\r\n",
      after: "---\r\ntitle: T\r\ntags: [supervision]\r\ndate: 2020\r\n---\r\n"),
    Case(
      name: "a single scalar becomes a flow list",
      changes: ["+safety-culture"],
      before: "---\ntitle: T\ntags: supervision # one\n---\n",
      after: "---\ntitle: T\ntags: [supervision, safety-culture] # one\n---\n"),
    Case(
      name: "an empty key gets a flow list",
      changes: ["+supervision"],
      before: "---\ntitle: T\ntags:\nkind: lesson\n---\n",
      after: "---\ntitle: T\ntags: [supervision]\nkind: lesson\n---\n"),
    Case(
      name: "related ids",
      changes: ["+related:b", "-related:a"],
      before: "---\ntitle: T\nrelated: [a]\n---\n",
      after: "---\ntitle: T\nrelated: [b]\n---\n"),
    Case(
      name: "nothing to do: the value is there already (as an alias)",
      changes: ["+safety-culture", "-office:npcs"],
      before: "---\ntitle: T\ntags: [Culture]\n---\n", after: nil),
  ]

  @Test(arguments: cases)
  func edit(_ c: Case) throws {
    let changes = try c.changes.map {
      try ListChange.parse($0).validated(
        vocabulary: c.name == "related ids" ? nil : Self.vocabulary, ids: ["a", "b"])
    }
    let result = try FrontMatterEditor.apply(
      changes, to: Array(c.before.utf8), vocabulary: Self.vocabulary)
    #expect(result.map { String(decoding: $0, as: UTF8.self) } == c.after)
  }

  @Test(arguments: [
    "---\ntitle: T\ntags: |\n  supervision\n---\n",
    "---\ntitle: T\ntags: [a,\n  b]\n---\n",
    "---\ntitle: T\ntags:\n  - [nested]\n---\n",
    "---\ntitle: T\ntags:\n  key: value\n---\n",
    "no front matter\n",
  ])
  func refusesWhatItCannotEditSafely(_ text: String) {
    let change = ListChange(add: true, field: .tags, value: "safety-culture")
    #expect(throws: CurationError.self) {
      try FrontMatterEditor.apply([change], to: Array(text.utf8), vocabulary: Self.vocabulary)
    }
  }

  @Test func aValueNotInTheVocabularyIsRefusedWithASuggestion() throws {
    let change = try ListChange.parse("+office:lancastr")
    #expect(
      throws: CurationError.refused(
        "office 'lancastr' is not in the vocabulary; did you mean 'la-dcfs/regional/lancaster'?")
    ) {
      try change.validated(vocabulary: Self.vocabulary, ids: [String]())
    }
    let near = try ListChange.parse("+supervison")
    #expect(
      throws: CurationError.refused(
        "tag 'supervison' is not in the vocabulary; did you mean 'supervision'?")
    ) {
      try near.validated(vocabulary: Self.vocabulary, ids: [String]())
    }
  }

  @Test(arguments: ["tag", "+office:", "+colour:red"])
  func badChangesAreUsageErrors(_ word: String) {
    #expect(throws: CurationError.self) { try ListChange.parse(word) }
  }

  @Test func theDiffShowsOnlyTheChangedLine() throws {
    let before = "---\ntitle: T\ntags: [supervision]\nkind: lesson\ndate: 2020\n---\nbody\n"
    let change = ListChange(add: true, field: .tags, value: "safety-culture")
    let after = try #require(
      try FrontMatterEditor.apply([change], to: Array(before.utf8), vocabulary: Self.vocabulary))
    #expect(
      UnifiedDiff.diff(Array(before.utf8), after, path: "lessons/x.md") == """
        --- a/lessons/x.md
        +++ b/lessons/x.md
        @@ -1,6 +1,6 @@
         ---
         title: T
        -tags: [supervision]
        +tags: [supervision, safety-culture]
         kind: lesson
         date: 2020
         ---

        """)
  }
}
