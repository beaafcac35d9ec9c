import TestSupport
import Testing
import Yams

@testable import KnowledgeModel

/// Front matter is composed from libyaml's events (`YAMLComposer`), no longer through Yams's
/// node tree. Yams stays the reference: every document here, written by hand or put together at
/// random, must give the same tree, or the same problem at the same place, both ways.
@Suite struct YAMLComposerTests {
  static let documents: [String] = [
    "", "# only a comment\n", "title: One\n", "title: One\ntags: [a, b]\n",
    "sources:\n  - title: A\n    url: https://example.org/a\n  - title: B\n",
    "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: '~'\ng: \"null\"\nh: nulls\n",
    "a: NO\nb: 1.10\nc: 2024-01-01\nd: yes\n", "a: !!int 1\nb: !!str x\nc: ! y\n",
    "a: &x [1, 2]\nb: *x\n", "a: *missing\n", "a: &x {k: *x}\n", "a: &x 1\nb: &x 2\nc: *x\n",
    "title: One\ntitle: Two\n", "b: 1\na: 2\nb: 3\na: 4\n", "a: 1\n'a': 2\n", "a: 1\n!!int a: 2\n",
    "? [x, y]\n: 1\n? [x, y]\n: 2\n", "? {k: v}\n: 1\n", "x: [a, {b: c}, [d]]\n",
    "just text\n", "- a\n- b\n", "a: 1\n---\nb: 2\n", "a: 1\n...\n", "---\na: 1\n",
    "a: 'unclosed\n", "a: [1, 2\n", "a: b: c\n", "a:\n  - x\n - y\n", "\ta: 1\n",
    "a: |\n  line one\n  line two\n", "a: >\n  folded\n  text\n", "key with spaces: value\n",
    "a: \"é \\u00e9 \\x41\"\n", "a: 'it''s'\n", "- [a, b]\n- {c: d}\n", "a: @b\n", "a: `b\n",
    "%YAML 1.1\n---\na: 1\n", "%TAG ! tag:example.org,2000:\n---\na: !x 1\n", "a: !<tag:x> 1\n",
    "{a: 1, a: 2}\n", "[a, b]: 1\n", "? a\n", "a: *\n", "&a a: 1\n", "a: 1 # comment\n",
    "a:\n  b:\n    c:\n      d: [e]\n", "title: \"Quotes \\\" inside\"\n", "a: [~, null, '']\n",
    "a: &l [1, 2, 3]\nb: [*l, *l, *l]\nc: [*l]\n", "a: 1\n  b: 2\n", "a: >-\n\n  x\n",
  ]

  @Test(arguments: documents)
  func composesAsYamsDoes(_ yaml: String) {
    #expect(Self.ours(yaml) == Self.yams(yaml), "\(yaml)")
  }

  /// Documents put together from pieces that meet in many ways, some broken.
  @Test func randomDocumentsComposeAsYamsDoes() {
    let keys = ["a", "b", "'a'", "title", "!!str a", "&k a", "*k", "? [x]", "", "c d"]
    let values = [
      "1", "~", "", "[x, y]", "{p: q}", "&v [1]", "*v", "'q'", "\"d\\n\"", "[", "a: b", "!!int 3",
      "|\n    block", "\n  - i\n  - j", "\n  n: m", "*nowhere", "- z", "#c",
    ]
    var g = SeededGenerator(state: 11)
    var compared = 0
    var failures = 0
    for _ in 0..<600 {
      let lines = (0..<Int.random(in: 1...5, using: &g)).map { _ in
        "\(keys.randomElement(using: &g)!): \(values.randomElement(using: &g)!)"
      }
      let yaml = lines.joined(separator: "\n") + "\n"
      let theirs = Self.yams(yaml)
      #expect(Self.ours(yaml) == theirs, "\(yaml)")
      compared += 1
      if case .failure = theirs { failures += 1 }
    }
    // Both kinds are met: documents that compose and documents with a problem.
    #expect(failures > 50 && failures < compared - 50)
  }

  /// An alias bomb is refused, however little memory its shared subtrees take.
  @Test func aliasBombIsRefused() {
    var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for k in 1..<8 {
      yaml +=
        "a\(k): &a\(k) [" + Array(repeating: "*a\(k - 1)", count: 10).joined(separator: ", ")
        + "]\n"
    }
    guard case .failure(let problem) = Self.ours(yaml) else {
      Issue.record("an alias bomb was composed")
      return
    }
    #expect(problem.message.contains("more than \(YAMLTree.nodeBudget) values"))
    #expect(Self.ours(yaml) == Self.yams(yaml))
  }

  static func ours(_ yaml: String) -> Result<YAMLTree?, YAMLTree.ParseError> {
    do {
      return .success(try YAMLTree.parse(yaml, path: "f.md", firstLine: 2))
    } catch {
      return .failure(error)
    }
  }

  // MARK: The reference: Yams's composer, its nodes converted as front matter was before.

  static func yams(_ yaml: String) -> Result<YAMLTree?, YAMLTree.ParseError> {
    func at(_ mark: Mark?) -> KnowledgeModel.SourceLocation {
      KnowledgeModel.SourceLocation(
        path: "f.md", line: (mark?.line ?? 1) + 1, column: mark?.column ?? 1)
    }
    let node: Node?
    do {
      node = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
    } catch let error as YamlError {
      return .failure(describe(error, at))
    } catch {
      return .failure(YAMLTree.ParseError(location: at(nil), message: "invalid YAML"))
    }
    guard let node else { return .success(nil) }
    var budget = YAMLTree.nodeBudget
    guard let tree = convert(node, at, &budget) else {
      return .failure(
        YAMLTree.ParseError(
          location: at(node.mark),
          message:
            "front matter expands to more than \(YAMLTree.nodeBudget) values (an alias bomb?)"))
    }
    return .success(tree)
  }

  private static func convert(
    _ node: Node, _ at: (Mark?) -> KnowledgeModel.SourceLocation, _ budget: inout Int
  )
    -> YAMLTree?
  {
    budget -= 1
    if budget < 0 { return nil }
    switch node {
    case .scalar(let s):
      if s.style == .plain, ["", "~", "null", "Null", "NULL"].contains(s.string) {
        return .null(at(s.mark))
      }
      return .scalar(s.string, at(s.mark))
    case .sequence(let seq):
      var items: [YAMLTree] = []
      for child in seq {
        guard let c = convert(child, at, &budget) else { return nil }
        items.append(c)
      }
      return .sequence(items, at(seq.mark))
    case .mapping(let map):
      var pairs: [(key: String, keyLocation: KnowledgeModel.SourceLocation, value: YAMLTree)] = []
      for (k, v) in map {
        guard let value = convert(v, at, &budget) else { return nil }
        pairs.append((k.string ?? "", at(k.mark), value))
      }
      return .mapping(pairs, at(map.mark))
    case .alias(let alias):
      return .null(at(alias.mark))
    }
  }

  private static func describe(_ error: YamlError, _ at: (Mark?) -> KnowledgeModel.SourceLocation)
    -> YAMLTree.ParseError
  {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let detail = [problem, context.map { "\($0.text)" }].compactMap { $0 }.filter { !$0.isEmpty }
      return YAMLTree.ParseError(
        location: at(mark), message: "invalid YAML: " + detail.joined(separator: " "))
    case .duplicatedKeysInMapping(let duplicates, let context):
      let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
      return YAMLTree.ParseError(location: at(context.mark), message: "duplicate key \(names)")
    case .reader(let problem, _, _, _):
      return YAMLTree.ParseError(location: at(nil), message: "invalid YAML: \(problem)")
    default:
      return YAMLTree.ParseError(location: at(nil), message: "invalid YAML")
    }
  }
}
