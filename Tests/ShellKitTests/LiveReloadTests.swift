import Foundation
import KnowledgeModel
import ShellKit
import TestSupport
import Testing

/// Files added, edited and removed under a running shell are taken in before the next query,
/// only those read again, and a note says how many.
@Suite struct LiveReloadTests {
  static func shell(_ folder: TemporaryFolder, cache: Bool = false) throws -> Session {
    try folder.write("kb/a.md", "---\ntitle: Alpha\n---\nbody\n")
    try folder.write("kb/b.md", "---\ntitle: Beta\n---\nbody\n")
    try folder.write("kb/c.md", "---\ntitle: Gamma\n---\nbody\n")
    let path = folder.url("kb")
    let location = cache ? CacheLocation(directory: folder.url("cache")) : nil
    // `.reload` loads as the shell does, through the same cache.
    return Session(
      knowledgeBase: try Loader.load(path, cache: location), path: path, searches: nil,
      load: { try Loader.load($0, cache: location) })
  }

  @Test(arguments: [false, true])
  func addedEditedAndRemovedFilesAreTakenInBeforeTheNextQuery(cache: Bool) throws {
    let folder = try TemporaryFolder()
    let shell = try Self.shell(folder, cache: cache)
    #expect(shell.output("* | fields title") == "title\nAlpha\nBeta\nGamma\n")
    // Same size, written at once: only the content hash can tell.
    try folder.write("kb/a.md", "---\ntitle: Aleph\n---\nbody\n")
    try folder.write("kb/d.md", "---\ntitle: Delta\n---\nbody\n")
    try FileManager.default.removeItem(atPath: folder.url("kb/c.md"))
    let outcome = shell.execute(line: "* | fields title")
    #expect(outcome.notices.map(\.rendered) == ["(reloaded 3 changed entries)"])
    var text = ""
    Presenter(options: .plain).render(outcome.content, into: &text)
    #expect(text == "title\nAleph\nBeta\nDelta\n")
    let quiet = shell.execute(line: "*")
    #expect(quiet.notices.isEmpty)
    #expect(shell.kb.files.paths == ["a.md", "b.md", "d.md"])
  }

  @Test func aFileThatNoLongerParsesIsCountedAndItsProblemKept() throws {
    let folder = try TemporaryFolder()
    let shell = try Self.shell(folder)
    try folder.write("kb/b.md", "---\ntitle: [broken\n---\nbody\n")
    let outcome = shell.execute(line: "*")
    #expect(outcome.notices.map(\.rendered) == ["(reloaded 1 changed entry)"])
    #expect(shell.kb.entries.map(\.title) == ["Alpha", "Gamma"])
    #expect(shell.kb.failedFiles == 1)
    #expect(shell.kb.diagnostics.count == 1)
  }

  @Test func aChangedVocabularyReloadsEverything() throws {
    let folder = try TemporaryFolder()
    let shell = try Self.shell(folder)
    try folder.write("kb/vocabulary.yaml", Fixtures.vocabulary)
    let outcome = shell.execute(line: "*")
    #expect(outcome.notices.map(\.rendered) == ["(reloaded Fixture KB: the vocabulary changed)"])
    #expect(shell.kb.vocabulary != nil)
  }

  /// Tab after a reload that asked no query (`.reload`, or `.vocab` taking in a changed file)
  /// offers what the knowledge base holds now, from the index brought up to date, not from
  /// every entry read again.
  @Test(arguments: [".reload", ".vocab"])
  func tabAfterAReloadOffersValuesFromTheIndexUpToDate(command: String) throws {
    let folder = try TemporaryFolder()
    let shell = try Self.shell(folder, cache: true)
    #expect(shell.output("* | count") == "count\n3\n")
    #expect(shell.completer.index != nil)
    try folder.write("kb/d.md", "---\ntitle: Delta\ntags: [zebra-crossing]\n---\nbody\n")
    _ = shell.execute(line: command)
    #expect(shell.kb.entries.count == 4)
    let completer = shell.completer
    #expect(completer.index != nil)
    #expect(completer.complete(line: "tag:zeb", cursor: 7).candidates == ["zebra-crossing"])
  }

  /// A reload the index cannot be merged with (here a new vocabulary) builds nothing before
  /// the prompt: Tab reads the values from the entries, and the index waits for a query.
  @Test func tabAfterAReloadThatNeedsABuildReadsTheEntries() throws {
    let folder = try TemporaryFolder()
    let shell = try Self.shell(folder, cache: true)
    #expect(shell.output("* | count") == "count\n3\n")
    try folder.write("kb/vocabulary.yaml", Fixtures.vocabulary)
    try folder.write("kb/d.md", "---\ntitle: Delta\ntags: [zebra-crossing]\n---\nbody\n")
    _ = shell.execute(line: ".reload")
    let completer = shell.completer
    #expect(completer.index == nil)
    #expect(completer.complete(line: "tag:zeb", cursor: 7).candidates == ["zebra-crossing"])
    #expect(shell.output("tag:zebra-crossing | count") == "count\n1\n")
  }

  /// With a cache, a reload brings the index on file up to date instead of building one: reload
  /// after reload, the answers are those of a knowledge base loaded afresh.
  @Test func aReloadBringsTheIndexOnFileUpToDate() throws {
    let folder = try TemporaryFolder()
    let kb = folder.url("kb")
    try FileManager.default.copyItem(atPath: FixturePaths.smallKB, toPath: kb)
    let location = CacheLocation(directory: folder.url("cache"))
    let shell = Session(
      knowledgeBase: try Loader.load(kb, cache: location), path: kb, searches: nil)
    #expect(shell.output("* | count") == "count\n8\n")
    let queries = [
      "*", "zebra", "tag:supervision | count by tag", "? stripes and huddles", "* | sort title",
      "supervisor | fields id,score", "id:z*",
    ]
    for round in 0..<3 {
      try folder.write(
        "kb/lessons/zebra-\(round).md",
        Fixtures.entry(id: "zebra-\(round)", title: "Zebra \(round)", body: "Stripes \(round)."))
      let huddles = kb + "/practices/supervisor-huddles.md"
      let text = try String(contentsOfFile: huddles, encoding: .utf8)
      try (text + "Zebra huddles, round \(round).\n").write(
        toFile: huddles, atomically: true, encoding: .utf8)
      if round == 1 { try FileManager.default.removeItem(atPath: kb + "/lessons/undated.md") }
      let outcome = shell.execute(line: "zebra")
      #expect(outcome.notices.count == 1)
      #expect(shell.runner.searcher.index.isUpdate, "brought up to date, not built")
      let fresh = Session(knowledgeBase: try Loader.load(kb), path: kb, searches: nil)
      for query in queries {
        #expect(shell.output(query) == fresh.output(query), "round \(round): \(query)")
      }
    }
  }
}
