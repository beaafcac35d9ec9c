import Foundation
import TestSupport
import Testing

@testable import KnowledgeModel

/// Knowledge files written to break the loader. Each is loaded beside a good file: the loader must
/// answer (no crash, no hang), locate the problem, and still load the good file. The time limit is
/// only a generous hang guard; machines are noisy.
@Suite struct HostileFileTests {
  /// What loading one hostile file must produce.
  enum Expect: Sendable, CustomStringConvertible {
    /// The file loads as an entry with this title and no diagnostic.
    case loads(String)
    /// The file loads as an entry with this title and exactly this warning.
    case loadsWithWarning(String, String)
    /// The file fails with exactly this diagnostic (the path left out: `line:column: error: …`).
    case error(String)
    /// The file fails with an error at this line and column whose message starts so.
    case errorPrefix(line: Int, column: Int, String)

    var description: String {
      switch self {
      case .loads(let t): return "loads '\(t)'"
      case .loadsWithWarning(let t, let w): return "loads '\(t)' with \(w)"
      case .error(let m): return m
      case .errorPrefix(let l, let c, let m): return "\(l):\(c): \(m)…"
      }
    }
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: @Sendable () -> [UInt8]
    var expect: Expect
    var testDescription: String { name }

    init(_ name: String, _ text: String, _ expect: Expect) {
      self.name = name
      self.bytes = { Array(text.utf8) }
      self.expect = expect
    }

    init(_ name: String, bytes: @escaping @Sendable () -> [UInt8], _ expect: Expect) {
      self.name = name
      self.bytes = bytes
      self.expect = expect
    }
  }

  static let cases: [Case] = [
    Case(
      "invalid YAML", "---\ntitle: [unclosed\ntags: x\n---\n",
      .errorPrefix(line: 3, column: 5, "invalid YAML: ")),
    Case(
      "unterminated front matter", "---\ntitle: Open\nbody never starts\n",
      .error(
        "1:1: error: front matter opened with '---' is never closed (expected '---' or '...' on a line of its own)"
      )),
    Case("front matter only", "---\ntitle: Only\n---", .loads("Only")),
    Case(
      "front matter only, no title", "---\n---\n",
      .loadsWithWarning("hostile", "1:1: warning: missing title; using 'hostile'")),
    Case(
      "UTF-8 BOM", bytes: { [0xEF, 0xBB, 0xBF] + Array("---\ntitle: Bom\n---\nbody\n".utf8) },
      .loads("Bom")),
    Case("CRLF", "---\r\ntitle: Windows\r\n---\r\nbody\r\n", .loads("Windows")),
    Case("lone CR", "---\rtitle: Old Mac\r---\rbody\r", .loads("Old Mac")),
    Case(
      "NUL byte in the front matter",
      bytes: { Array("---\ntitle: a".utf8) + [0] + Array("\n---\n".utf8) },
      .error("2:9: error: file contains a NUL byte")),
    Case(
      "NUL byte in the body", bytes: { Array("---\ntitle: a\n---\nx".utf8) + [0, 0, 0] },
      .error("4:2: error: file contains a NUL byte")),
    Case(
      "invalid UTF-8", bytes: { Array("---\ntitle: caf".utf8) + [0xE9] + Array("\n---\n".utf8) },
      .error("2:11: error: file is not valid UTF-8 (byte 0xE9)")),
    Case(
      "overlong UTF-8 encoding of '/'", bytes: { Array("---\nid: ..".utf8) + [0xC0, 0xAF] },
      .error("2:7: error: file is not valid UTF-8 (byte 0xC0)")),
    Case(
      "UTF-16 surrogate encoded in UTF-8", bytes: { Array("x".utf8) + [0xED, 0xA0, 0x80] },
      .error("1:2: error: file is not valid UTF-8 (byte 0xED)")),
    Case(
      "10,000 tags",
      "---\ntitle: Tags\ntags: [" + (0..<10_000).map { "t\($0)" }.joined(separator: ", ")
        + "]\n---\n", .loads("Tags")),
    Case(
      "flow YAML nested 10,000 deep",
      "---\ntitle: Deep\nx: " + String(repeating: "[", count: 10_000) + "\n---\n",
      .error("3:68: error: front matter is nested too deeply (more than 64 levels)")),
    Case(
      "flow mappings nested 10,000 deep",
      "---\nx: " + String(repeating: "{a: ", count: 10_000) + "\n---\n",
      .error("2:260: error: front matter is nested too deeply (more than 64 levels)")),
    Case(
      "block mappings nested 1,000 deep (10,000 would be a 50 MB file)",
      "---\n"
        + (0..<1_000).map { String(repeating: " ", count: $0) + "k:" }
        .joined(separator: "\n") + "\n---\n",
      .error("259:1: error: front matter is nested too deeply (more than 64 levels)")),
    Case(
      "block sequences nested 10,000 deep on one line",
      "---\nx:\n" + String(repeating: "- ", count: 10_000) + "a\n---\n",
      .error("3:1: error: front matter is nested too deeply (more than 64 levels)")),
    Case(
      "explicit keys nested 10,000 deep",
      "---\n" + String(repeating: "? ", count: 10_000) + "a\n---\n",
      .error("2:1: error: front matter is nested too deeply (more than 64 levels)")),
    Case(
      "billion laughs",
      "---\ntitle: Lol\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + (1...9).map {
          "l\($0): &l\($0) ["
            + Array(repeating: $0 == 1 ? "*a" : "*l\($0 - 1)", count: 9).joined(separator: ", ")
            + "]"
        }
        .joined(separator: "\n") + "\n---\n",
      .errorPrefix(line: 2, column: 1, "front matter expands to more than 200000 values")),
    Case(
      "duplicate keys", "---\ntitle: One\ntags: [a]\ntitle: Two\n---\n",
      .error("2:1: error: duplicate key 'title'")),
    Case(
      "front matter is a list", "---\n- a\n- b\n---\n",
      .error("2:1: error: front matter must be a mapping of keys to values")),
    Case(
      "front matter is a tagged binary", "---\ntitle: !!binary AAAA\n---\n", .loads("AAAA")),
    Case(
      "id climbing out of the folder", "---\nid: ../../etc/passwd\ntitle: Climb\n---\n",
      .loads("Climb")),
    Case(
      "id with control characters", "---\nid: \"a\\e[2J\\rb\\u202E\"\ntitle: Ctl\n---\n",
      .loads("Ctl")),
  ]

  @Test(arguments: cases)
  func hostileFile(_ c: Case) throws {
    let folder = try TemporaryFolder()
    try folder.write("good.md", "---\ntitle: Good\n---\nbody\n")
    try folder.write("hostile.md", bytes: c.bytes())
    let kb = try Self.timedLoad(folder.path)
    #expect(kb.entries.contains { $0.title == "Good" }, "the good file beside it still loads")
    let prefix = folder.path + "/hostile.md:"
    let mine = kb.diagnostics.filter { $0.location.path == folder.path + "/hostile.md" }
    switch c.expect {
    case .loads(let title):
      #expect(kb.entries.map(\.title).sorted() == ["Good", title].sorted())
      #expect(mine.isEmpty)
    case .loadsWithWarning(let title, let warning):
      #expect(kb.entries.map(\.title).sorted() == ["Good", title].sorted())
      #expect(mine.map(\.description) == [prefix + warning])
    case .error(let message):
      #expect(kb.entries.map(\.title) == ["Good"])
      #expect(mine.map(\.description) == [prefix + message])
    case .errorPrefix(let line, let column, let message):
      #expect(kb.entries.map(\.title) == ["Good"])
      #expect(mine.count == 1)
      #expect(mine.first?.severity == .error)
      #expect(mine.first.map { ($0.location.line, $0.location.column) } ?? (0, 0) == (line, column))
      #expect(mine.first?.message.hasPrefix(message) == true, "\(mine)")
    }
    // The semantic checks run over whatever loaded without trouble too.
    _ = Checker.check(kb)
  }

  /// Loads a folder, failing the test when it takes more than `limit` (a hang guard).
  static func timedLoad(
    _ path: String, cache: CacheLocation? = nil, limit: Duration = .seconds(10)
  ) throws -> KnowledgeBase {
    let clock = ContinuousClock()
    let start = clock.now
    let kb = try Loader.load(path, cache: cache)
    let elapsed = clock.now - start
    #expect(elapsed < limit, "loading took \(elapsed)")
    return kb
  }
}
