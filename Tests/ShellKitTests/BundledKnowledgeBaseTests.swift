import KnowledgeModel
import QueryEngine
import SearchStore
import ShellKit
import TestSupport
import Testing

/// The bundled knowledge base and its shared searches, held to the curation rules.
@Suite struct BundledKnowledgeBaseTests {
  static let kb = try! Loader.load(Binary.repositoryKnowledge)
  static let shared = SharedStore(knowledgeBase: Binary.repositoryKnowledge).load()
  /// Example arguments for shared searches that take parameters; a new one must be added here.
  static let exampleArguments = ["office-lessons": "(lancaster)"]

  @Test func checksCleanUnderStrict() {
    let diagnostics = Checker.check(Self.kb)
    #expect(diagnostics.map(\.description) == [])
    #expect(Self.kb.entries.count >= 60)
  }

  @Test func everyEntryHasATagAnOfficeAndAnOutcome() {
    for entry in Self.kb.entries {
      #expect(
        !entry.tags.isEmpty && !entry.offices.isEmpty && !entry.outcomes.isEmpty, "\(entry.id)")
      #expect(!entry.sources.isEmpty, "\(entry.id)")
    }
  }

  @Test func hasAtLeastEightSharedSearchesWithDescriptions() {
    #expect(Self.shared.problems.isEmpty)
    #expect(Self.shared.searches.count >= 8)
    for search in Self.shared.searches {
      #expect(!(search.description ?? "").isEmpty, "\(search.name)")
    }
  }

  @Test(arguments: shared.searches.map(\.name))
  func everySharedSearchFindsSomething(_ name: String) throws {
    let query = "@" + name + (Self.exampleArguments[name] ?? "")
    let runner = QueryRunner(searcher: Searcher(Self.kb))
    let catalog = SavedSearches(
      personalPath: "/nonexistent/searches.yaml",
      sharedPath: Binary.repositoryKnowledge + "/searches.yaml"
    ).load()
    let outcome = try runner.run(query, savedSearches: catalog)
    #expect(outcome.warnings.isEmpty)
    #expect(outcome.result.found, "@\(name) finds nothing")
  }
}
