import Foundation
import TestSupport
import Testing

@testable import KnowledgeModel

/// Front matter in the plain form is read without libyaml (`FlatYAML`). Whatever that reader
/// takes must come out as the composer makes it from libyaml's events, places and all; whatever
/// it is unsure of it must leave to the composer.
@Suite struct FlatYAMLTests {
  /// Documents the reader takes, and documents it leaves (a comment, a tab, an escape, a doubled
  /// quote, a repeated key, a value continued or nested, a blank line inside a block, a
  /// top-level sequence, a value that is itself a key, a separator that is not a line end, a
  /// document over 64 KB).
  static let cases: [(yaml: String, flat: Bool)] = [
    ("title: One", true), ("title: One\n", true), ("a: [x, y]\nb: \"q: r\"\nc: 'it'\n", true),
    ("a:\nb: ~\nc: null\nd: NULL\ne: Null\nf: [null, x]\n", true),
    ("sources:\n  - title: A\n    url: https://example.org/a#b\n  - title: B\n", true),
    ("sources:\n- title: A\n  url: x\nrelated: [a]\n", true), ("a:\n  - x\n  - [y, z]\n", true),
    ("a: é [x]\nb: [é, ü-x]\nc: \"ü\"\n", true), ("\n\na: 1\n\nb: 2\n", true), ("a: []\n", true),
    ("a: [ x , y ]\n", true), ("a: \"\"\n", true), ("a: x y   \n", true), ("a:   x\n", true),
    ("a: 1 # no\n", false), ("# c\na: 1\n", false), ("a:\t1\n", false), ("a: \"\\n\"\n", false),
    ("a: 'it''s'\n", false), ("a: 1\na: 2\n", false), ("a: x\n  y\n", false),
    ("a:\n  b: c\n", false),
    ("a:\n  - x\n\n  - y\n", false), ("- a\n- b\n", false), ("a: b: c\n", false),
    ("a: b:\n", false),
    ("a: [x, y\n", false), ("a: [x,]\n", false), ("a: &x 1\n", false), ("a: !!str 1\n", false),
    ("a: |\n  x\n", false), ("a: {b: c}\n", false), ("a: [\"x\\\"\"]\n", false),
    ("a\u{2028}: 1\n", false),
    ("a: x\u{85}y\n", false), ("a: -1\n", false), ("sources:\n  - title:\n    url: x\n", false),
    ("a:\n  - x\n    y\n", false), ("key with space: 1\n", false), ("a : 1\n", false), ("", false),
    ("k: [" + String(repeating: "x, ", count: 30_000) + "x]\n", false),
  ]

  @Test(arguments: cases.indices)
  func readsWhatItTakesAsTheComposerDoes(_ k: Int) {
    let (yaml, flat) = Self.cases[k]
    let ours = Self.flat(yaml)
    #expect((ours != nil) == flat, "\(yaml.debugDescription)")
    if let ours { #expect(Result.success(ours) == Self.composed(yaml), "\(yaml.debugDescription)") }
  }

  /// Documents put together at random from keys, values and block sequences in many forms,
  /// some the reader takes and some it leaves: every one it takes comes out as composed.
  @Test func randomDocumentsReadAsComposed() {
    // Pieces the reader takes, then pieces it leaves (one in eight is drawn from those).
    let keys = (
      ["id", "title", "tags", "a", "b_c", "x-y", "k.1", "2020", "null"], ["é", "a b", "-a"]
    )
    let values = (
      [
        "plain words", "x", "2015-01-20", "\"quoted: with colon\"", "'single'", "\"\"", "~", "null",
        "[a, b-c, d/e]", "[]", "[ x ,y ]", "[\"q, r\", s]", "[null, ~, Null]", "https://ex.org/a#b",
        "é ü", "[é]", "C# and F#", "a, b", "(a) [b] {c}", "",
      ],
      [
        "a: b", "x #c", "'it''s'", "\"e\\t\"", "[a, [b]]", "{a: b}", "&x y", "*x", "!t y", "|",
        "x:", "[a,]", "[a", "@x", "`x", "[~a]",
      ]
    )
    let blocks = (
      [
        "\n  - title: \"T\"\n    url: https://ex.org/1\n  - title: U\n",
        "\n- title: T\n  date: 2020\n", "\n  - x\n  - [y]\n", "\n    - a\n    - 'b'\n",
        "\n  - x: [a]\n    y: \"z\"\n",
      ],
      [
        "\n  - title: T\n   url: u\n", "\n  - a\n  b\n", "\n  k: v\n", "\n\n  - x\n", "\n  -  x\n",
        "\n  - x # c\n",
      ]
    )
    func pick(_ pieces: ([String], [String]), _ g: inout SeededGenerator) -> String {
      Int.random(in: 0..<8, using: &g) == 0
        ? pieces.1.randomElement(using: &g)! : pieces.0.randomElement(using: &g)!
    }
    var g = SeededGenerator(state: 31)
    var taken = 0
    var left = 0
    for _ in 0..<3000 {
      var yaml = ""
      for line in 0..<Int.random(in: 1...6, using: &g) {
        // Most keys made different, so that repeated keys are not most of what is left.
        let key = pick(keys, &g) + (Int.random(in: 0..<4, using: &g) == 0 ? "" : "\(line)")
        if Int.random(in: 0..<4, using: &g) == 0 {
          yaml += key + ":" + pick(blocks, &g)
        } else {
          let blank = Int.random(in: 0..<8, using: &g) == 0 ? "\n" : ""
          yaml += key + ": " + pick(values, &g) + "\n" + blank
        }
      }
      if Bool.random(using: &g) { yaml.removeLast() }
      guard let ours = Self.flat(yaml) else {
        left += 1
        continue
      }
      taken += 1
      let composed = Self.composed(yaml)
      #expect(Result.success(ours) == composed, "\(yaml.debugDescription)")
      if Result.success(ours) != composed { return }
    }
    // Both kinds are met, many times.
    #expect(taken > 1000 && left > 500, "taken \(taken), left \(left)")
  }

  /// The bundled entries are nearly all in the plain form, and read as composed.
  @Test func bundledFrontMatterIsReadFlat() throws {
    let root = Binary.repositoryKnowledge
    let files = try FileManager.default.subpathsOfDirectory(atPath: root).filter {
      $0.hasSuffix(".md") && !$0.hasSuffix("README.md")
    }
    var taken = 0
    for file in files {
      let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
      guard let yaml = try FrontMatter.split(FrontMatter.normalise(text)).yaml else { continue }
      guard let ours = Self.flat(yaml) else { continue }
      taken += 1
      #expect(Result.success(ours) == Self.composed(yaml), "\(file)")
    }
    #expect(files.count >= 60)
    // (Those left have escaped quotes in a title.)
    #expect(taken * 10 >= files.count * 9, "\(files.count - taken) bundled entries are not flat")
  }

  static func flat(_ yaml: String) -> YAMLTree? {
    var text = yaml
    return text.withUTF8 { FlatYAML.tree($0, at: place) }
  }

  static func composed(_ yaml: String) -> Result<YAMLTree?, YAMLComposer.Failure> {
    do throws(YAMLComposer.Failure) {
      return .success(try YAMLComposer(at: place, budget: YAMLTree.nodeBudget).compose(yaml))
    } catch {
      return .failure(error)
    }
  }

  static func place(_ line: Int, _ column: Int) -> KnowledgeModel.SourceLocation {
    KnowledgeModel.SourceLocation(path: "f.md", line: line + 1, column: column)
  }
}

extension YAMLComposer.Failure: Equatable {
  public static func == (a: Self, b: Self) -> Bool {
    switch (a, b) {
    case (.problem(let x), .problem(let y)): return x == y
    case (.tooLarge(let x), .tooLarge(let y)): return x == y
    default: return false
    }
  }
}
