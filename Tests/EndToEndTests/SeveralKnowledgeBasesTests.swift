import Foundation
import TestSupport
import Testing

/// `--kb` repeated: entries searched together, `show` by either form, shared searches with their
/// origin, `check --format json`, and one cache per knowledge base.
@Suite struct SeveralKnowledgeBasesTests {
  static func own(_ folder: TemporaryFolder) throws -> String {
    try folder.write(
      "own/vocabulary.yaml",
      "name: own\n" + Fixtures.vocabulary.split(separator: "\n").dropFirst().joined(separator: "\n")
        + "\n")
    try folder.write("own/lessons/just-culture.md", Fixtures.entry(title: "Our just culture"))
    try folder.write(
      "own/searches.yaml",
      "searches:\n  - name: ours\n    description: Ours\n    query: 'kb:own'\n")
    return folder.url("own")
  }

  @Test func twoKnowledgeBasesAreSearchedTogether() throws {
    let folder = try TemporaryFolder()
    let own = try Self.own(folder)
    let env = ["XDG_CACHE_HOME": folder.url("cache")]
    let kb = ["--kb", FixturePaths.smallKB, "--kb", own]
    let ids = try Binary.run(
      ["query"] + kb + ["--format", "ids", "title:culture OR kb:own"], environment: env)
    #expect(
      ids.stdout.split(separator: "\n").sorted() == [
        "Small fixture knowledge base/just-culture", "own/just-culture",
      ])
    let show = try Binary.run(
      ["show"] + kb + ["just-culture", "--format", "json"], environment: env)
    #expect(show.status == 0)
    #expect(show.stdout.contains("\"id\": \"own/just-culture\""))
    #expect(show.stdout.contains("\"id\": \"Small fixture knowledge base/just-culture\""))
    let one = try Binary.run(["show"] + kb + ["own/just-culture"], environment: env)
    #expect(one.stdout.hasPrefix("Our just culture\n"))
    let edit = try Binary.run(
      ["edit"] + kb + ["just-culture"], environment: env.merging(["EDITOR": "true"]) { $1 })
    #expect(edit.status == 2)
    #expect(
      edit.stderr
        == "error: several knowledge bases have an entry 'just-culture': edit 'Small fixture knowledge base/just-culture' or 'own/just-culture'\n"
    )
    let searches = try Binary.run(["searches"] + kb + ["--format", "tsv"], environment: env)
    #expect(searches.stdout.contains("ours\tshared (own)\t1\tOurs\tkb:own\n"))
    #expect(searches.stdout.contains("\tshared (Small fixture knowledge base)\t"))
    let viaEnv = try Binary.run(
      ["query", "--format", "ids", "kb:own"],
      environment: env.merging(["SAFETYKB_KB": FixturePaths.smallKB + ":" + own]) { $1 })
    #expect(viaEnv.stdout == "own/just-culture\n")
  }

  @Test func addingASecondKnowledgeBaseNeverRebuildsTheFirstsCache() throws {
    let folder = try TemporaryFolder()
    let own = try Self.own(folder)
    let first = try folder.write("first/a.md", "---\ntitle: Alpha\n---\nbody\n")
    _ = first
    let env = ["XDG_CACHE_HOME": folder.url("cache")]
    _ = try Binary.run(["query", "--kb", folder.url("first"), "*"], environment: env)
    let cache = folder.url("cache/safetykb")
    func snapshot() throws -> [String: Data] {
      var out: [String: Data] = [:]
      for name in try FileManager.default.contentsOfDirectory(atPath: cache)
      where name.hasPrefix("first-") {
        out[name] = try Data(contentsOf: URL(fileURLWithPath: cache + "/" + name))
      }
      return out
    }
    let before = try snapshot()
    // Entries cache, its blocks, the index and the index's lock.
    #expect(before.count == 4, "\(before.keys)")
    let both = try Binary.run(
      ["query", "--kb", folder.url("first"), "--kb", own, "--format", "ids", "*"], environment: env)
    #expect(both.stdout == "a\njust-culture\n")
    #expect(try snapshot() == before)
    let names = try FileManager.default.contentsOfDirectory(atPath: cache)
    #expect(names.contains { $0.hasPrefix("own-") && $0.hasSuffix(".entries") })
    #expect(names.contains { $0.hasPrefix("combined-") && $0.hasSuffix(".index") })
  }

  @Test func checkReportsAsJSON() throws {
    let folder = try TemporaryFolder()
    try folder.write("kb/a.md", "---\ntitle: No sources\n---\nbody")
    try folder.write("kb/b.md", "---\ntitle: [x\n---\n")
    let run = try Binary.run(["check", "--kb", folder.url("kb"), "--format", "json"])
    #expect(run.status == 1)
    let path = folder.url("kb")
    #expect(
      run.stdout == """
        [
          {"path": "\(path)/a.md", "line": 1, "column": 1, "severity": "warning", "message": "entry has no sources"},
          {"path": "\(path)/b.md", "line": 3, "column": 1, "severity": "error", "message": "invalid YAML: did not find expected ',' or ']' while parsing a flow sequence"}
        ]

        """)
    let lines = try Binary.run(["check", "--kb", folder.url("kb"), "--format", "jsonl"])
    #expect(lines.stdout.split(separator: "\n").count == 2)
  }
}
