import Foundation
import KnowledgeModel
import TestSupport
import Testing

/// Two knowledge bases searched as one: clashing ids kept as `KB/ID`, the `kb` field, merged
/// vocabularies with their conflicts at both places.
@Suite struct CombinedTests {
  static func two() throws -> (TemporaryFolder, KnowledgeBase, KnowledgeBase) {
    let folder = try TemporaryFolder()
    try folder.write("public/vocabulary.yaml", Fixtures.vocabulary)
    try folder.write("public/lessons/shared-id.md", Fixtures.entry(title: "Public one"))
    try folder.write(
      "public/lessons/only-public.md",
      Fixtures.entry(title: "Only public", extra: "related: [shared-id]"))
    try folder.write(
      "own/vocabulary.yaml",
      """
      name: own
      kinds:
        lesson: {label: Lesson, description: Something learned.}
      tags:
        supervision: {label: Supervising, description: Our own words.}
        huddles: {label: Huddles, description: Short meetings., aliases: [culture]}
      offices:
        agency: {label: Agency, description: Us.}
      outcomes:
        staff: {label: Staff, description: Staff.}

      """)
    try folder.write(
      "own/lessons/shared-id.md",
      Fixtures.entry(
        title: "Own one", tags: ["huddles", "supervision"], offices: ["agency"],
        outcomes: ["staff"],
        extra: "related: [shared-id]"))
    return (
      folder, try Loader.load(folder.url("public")), try Loader.load(folder.url("own"))
    )
  }

  @Test func clashingIdsAreKeptAsKBSlashID() throws {
    let (folder, publicKB, own) = try Self.two()
    let (kb, _) = KnowledgeBase.combined([publicKB, own])
    #expect(kb.entries.count == 3)
    #expect(
      kb.entries.map(\.id).sorted() == ["Fixture KB/shared-id", "only-public", "own/shared-id"])
    #expect(kb.members == ["Fixture KB", "own"])
    let mine = try #require(kb.entries.first { $0.id == "own/shared-id" })
    #expect(mine.extraValues["kb"] == .text("own"))
    #expect(mine.related == ["own/shared-id"])
    #expect(mine.path == folder.url("own") + "/lessons/shared-id.md")
    #expect(kb.displayPath(mine.path) == mine.path)
    let theirs = try #require(kb.entries.first { $0.id == "only-public" })
    #expect(theirs.related == ["Fixture KB/shared-id"])
    // Each entry's values were read with its own vocabulary.
    #expect(mine.tags == ["huddles", "supervision"])
    #expect(Checker.check(kb).filter { $0.severity == .error }.isEmpty)
  }

  /// The combined entries are changed as they are read, not decoded when combined: an id or a
  /// path read alone is the one the whole entry has, for parts loaded with or without a cache.
  @Test func idsAndPathsReadAloneAreTheEntries() throws {
    let (folder, _, _) = try Self.two()
    let cache = try TemporaryFolder(prefix: "safetykb-cache")
    let location = CacheLocation(directory: cache.path)
    for useCache in [false, true] {
      let parts = try ["public", "own"].map {
        try Loader.load(folder.url($0), cache: useCache ? location : nil)
      }
      let (kb, _) = KnowledgeBase.combined(parts)
      let entries = Array(kb.entries)
      #expect(kb.entries.ids() == entries.map(\.id))
      #expect((0..<kb.entries.count).map { kb.entries.path(at: $0) } == entries.map(\.path))
      #expect(entries.map(\.id) == ["only-public", "Fixture KB/shared-id", "own/shared-id"])
      #expect(entries.allSatisfy { $0.extraValues["kb"] != nil })
    }
  }

  @Test func conflictingDefinitionsAreReportedAtBothPlaces() throws {
    let (folder, publicKB, own) = try Self.two()
    let (_, conflicts) = KnowledgeBase.combined([publicKB, own])
    let ownVocabulary = folder.url("own/vocabulary.yaml")
    let publicVocabulary = folder.url("public/vocabulary.yaml")
    #expect(
      conflicts.map(\.description) == [
        "\(ownVocabulary):5:3: warning: tag 'supervision' is defined differently in \(publicVocabulary):8:3; that definition is used",
        "\(ownVocabulary):6:3: warning: alias 'culture' of tag 'huddles' already means 'safety-culture' in \(publicVocabulary):7:3; it keeps that meaning",
      ])
  }

  @Test func oneKnowledgeBaseIsLeftAsItIs() throws {
    let (_, publicKB, _) = try Self.two()
    let (kb, conflicts) = KnowledgeBase.combined([publicKB])
    #expect(kb.entries == publicKB.entries)
    #expect(kb.members.isEmpty && conflicts.isEmpty)
  }

  @Test func theConfigFileNamesTheDefaultKnowledgeBases() throws {
    let folder = try TemporaryFolder()
    try folder.write(
      "config/safetykb/config.yaml", "knowledge-bases:\n  - own\n  - ~/agency\n  - /abs/kb\n")
    let env = ["XDG_CONFIG_HOME": folder.url("config"), "HOME": "/home/x"]
    let found = try KnowledgeBaseLocator.locateAll(flags: [], environment: env).get()
    #expect(
      found.map(\.path) == [folder.url("config/safetykb/own"), "/home/x/agency", "/abs/kb"])
    let viaEnv = try KnowledgeBaseLocator.locateAll(
      flags: [], environment: env.merging(["SAFETYKB_KB": "a:b"]) { $1 }
    ).get()
    #expect(viaEnv.map(\.path) == ["a", "b"])
    let viaFlags = try KnowledgeBaseLocator.locateAll(flags: ["c", "d"], environment: env).get()
    #expect(viaFlags.map(\.path) == ["c", "d"])
    try folder.write("config/safetykb/config.yaml", "knowledge-bases: {a: b}\n")
    #expect(throws: KnowledgeBaseLocator.LocatorError.self) {
      try KnowledgeBaseLocator.locateAll(flags: [], environment: env).get()
    }
  }
}
