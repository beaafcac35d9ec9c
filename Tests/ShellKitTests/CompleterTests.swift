import KnowledgeModel
import QueryEngine
import ShellKit
import TestSupport
import Testing

@Suite struct CompleterTests {
  static let completer = Completer(
    kb: try! Loader.load(FixturePaths.smallKB),
    savedSearchNames: ["lancaster-lessons", "office-lessons"])
  /// The same, with values and keys read from the index rather than gathered from the entries.
  static let fromIndex = Completer(
    kb: completer.kb, savedSearchNames: completer.savedSearchNames,
    index: Searcher(completer.kb).index)

  struct Case: Sendable, CustomTestStringConvertible {
    var id: String
    var line: String
    var start: Int
    var candidates: [String]
    var space: Bool
    var testDescription: String { id }
  }

  static let cases: [Case] = [
    Case(id: "dot-command", line: ".sh", start: 0, candidates: [".show"], space: true),
    Case(
      id: "all dot-commands", line: ".", start: 0, candidates: ShellCommand.all.map(\.name),
      space: true),
    Case(
      id: "field name, no space after colon", line: "off", start: 0, candidates: ["office:"],
      space: false),
    Case(
      id: "field after other terms", line: "tag:x AND ki", start: 10, candidates: ["kind:"],
      space: false),
    Case(id: "field after a minus", line: "-ki", start: 1, candidates: ["kind:"], space: false),
    Case(
      id: "field after a parenthesis", line: "(ta", start: 1, candidates: ["tag:"], space: false),
    Case(id: "front-matter key", line: "rat", start: 0, candidates: ["rating:"], space: false),
    Case(id: "tag value", line: "tag:sup", start: 4, candidates: ["supervision"], space: true),
    Case(
      id: "tag values", line: "tag:", start: 4,
      candidates: ["critical-incident-review", "just-culture", "safety-culture", "supervision"],
      space: true),
    Case(
      id: "office path segment", line: "office:lanc", start: 7, candidates: ["lancaster"],
      space: true),
    Case(
      id: "office whole path", line: "office:la-dcfs/reg", start: 7,
      candidates: ["la-dcfs/regional", "la-dcfs/regional/lancaster", "la-dcfs/regional/palmdale"],
      space: true),
    Case(id: "kind value", line: "kind:l", start: 5, candidates: ["lesson"], space: true),
    Case(
      id: "front-matter key's values", line: "rating:", start: 7, candidates: ["10", "3", "7"],
      space: true),
    Case(
      id: "saved search", line: "tag:x @lan", start: 6, candidates: ["@lancaster-lessons"],
      space: true),
    Case(
      id: "@last", line: "@la", start: 0, candidates: ["@lancaster-lessons", "@last"], space: true),
    Case(
      id: "entry id after .show", line: ".show just", start: 6, candidates: ["just-culture"],
      space: true),
    Case(
      id: "entry ids sorted, from every folder", line: ".show s", start: 6,
      candidates: ["safety-science", "supervisor-huddles", "systemic-review"], space: true),
    Case(
      id: "format after .format", line: ".format js", start: 8, candidates: ["json", "jsonl"],
      space: false),
    Case(
      id: "facet after .vocab", line: ".vocab o", start: 7, candidates: ["offices", "outcomes"],
      space: false),
    Case(
      id: "search name after .delete", line: ".delete off", start: 8,
      candidates: ["office-lessons"], space: false),
    Case(
      id: "query after .explain", line: ".explain off", start: 9, candidates: ["office:"],
      space: false),
    Case(id: "stage keyword", line: "tag:x | co", start: 8, candidates: ["count"], space: true),
    Case(id: "count by", line: "tag:x | count ", start: 14, candidates: ["by"], space: true),
    Case(
      id: "count by field", line: "* | count by off", start: 13, candidates: ["office"],
      space: false),
    Case(id: "sort key", line: "* | sort da", start: 9, candidates: ["date"], space: true),
    Case(
      id: "fields list", line: "* | fields id,ti", start: 14, candidates: ["title"], space: false),
    Case(id: "nothing after !", line: "!ls", start: 3, candidates: [], space: false),
  ]

  @Test(arguments: cases)
  func completes(_ c: Case) {
    for completer in [Self.completer, Self.fromIndex] {
      let result = completer.complete(line: c.line, cursor: c.line.count)
      #expect(result.start == c.start)
      #expect(result.candidates == c.candidates)
      if !c.candidates.isEmpty { #expect(result.appendSpace == c.space) }
    }
  }

  @Test func completesAtTheCursorNotTheEnd() {
    let result = Self.completer.complete(line: "off tag:x", cursor: 3)
    #expect(result.start == 0)
    #expect(result.candidates == ["office:"])
  }

  @Test func unicodeLinesCountCharacters() {
    let result = Self.completer.complete(line: "café off", cursor: 8)
    #expect(result.start == 5)
    #expect(result.candidates == ["office:"])
  }
}

@Suite struct CommandTableTests {
  @Test func everyCommandHasHelpAndIsFoundByName() {
    for command in ShellCommand.all {
      #expect(command.name.hasPrefix("."))
      #expect(!command.summary.isEmpty)
      #expect(ShellCommand.named(command.name) == command)
      #expect(HelpText.text(for: command.name)?.contains(command.summary) == true)
    }
  }

  @Test func newcomersWordsMapToCommands() {
    #expect(ShellCommand.named("help")?.action == .help)
    #expect(ShellCommand.named("quit")?.action == .quit)
    #expect(ShellCommand.named("exit")?.action == .quit)
    #expect(ShellCommand.named("EXIT")?.action == .quit)
  }

  @Test func theOverviewListsEveryCommand() {
    let overview = HelpText.text(for: "") ?? ""
    for command in ShellCommand.all { #expect(overview.contains(command.name)) }
  }

  @Test(
    arguments: [
      ("tag:x ! wc -l", "tag:x", "wc -l"),
      ("\"a ! b\" ! sort", "\"a ! b\"", "sort"),
      ("wow! tag:x", "wow! tag:x", nil),
      ("tag:x !", "tag:x", ""),
    ] as [(String, String, String?)])
  func splitsQueryAndPipe(line: String, query: String, command: String?) {
    let split = ShellPipe.split(line)
    #expect(split.query == query)
    #expect(split.command == command)
  }
}

@Suite struct ThesaurusCompletionTests {
  @Test func bareWordsCompleteToThesaurusMembers() throws {
    let folder = try TemporaryFolder()
    try folder.write(
      "vocabulary.yaml",
      Fixtures.vocabulary
        + "\nsynonyms:\n  - [root cause analysis, RCA, RCA2]\n  - [caseworker, social worker]\n")
    try folder.write("lessons/a.md", Fixtures.entry(title: "A"))
    let completer = Completer(kb: try Loader.load(folder.path), savedSearchNames: [])
    let rca = completer.complete(line: "kind:lesson rc", cursor: 14)
    #expect(rca.start == 12)
    #expect(rca.candidates == ["RCA", "RCA2"])
    #expect(rca.appendSpace)
    let phrase = completer.complete(line: "\"soc", cursor: 4)
    #expect(phrase.candidates == ["\"social worker\""])
    // Field names still come first, and get no space after their ':'.
    let field = completer.complete(line: "ca", cursor: 2)
    #expect(field.candidates == ["caseworker"])
    #expect(completer.complete(line: "ti", cursor: 2).candidates == ["title:"])
  }
}

/// The field catalogue feeds the parser, the stages, completion and help: every name in it works
/// where it should, and is offered and listed.
@Suite struct FieldCatalogTests {
  @Test func everyNameWorksAndIsListed() throws {
    let searcher = Searcher(try Loader.load(FixturePaths.smallKB))
    let help = try #require(HelpText.text(for: "fields"))
    for info in FieldCatalog.all {
      for name in info.names {
        #expect(help.contains(name), "\(name) is not in .help fields")
        if !info.offered.isEmpty {
          let value = ["date": "2019", "year": "2019", "similar": "just-culture"][name] ?? "x"
          #expect(throws: Never.self, "\(name):\(value)") { try searcher.run("\(name):\(value)") }
        }
        if info.column != nil {
          #expect(throws: Never.self, "fields \(name)") { try searcher.run("* | fields \(name)") }
        }
      }
    }
    let offered = Completer(kb: searcher.knowledgeBase, savedSearchNames: [])
      .complete(line: "", cursor: 0)
    #expect(offered.candidates.count > 0)
    #expect(Completer.fieldNames == FieldCatalog.all.flatMap(\.offered))
  }
}
