import Foundation
import KnowledgeModel
import QueryEngine
import TestSupport
import Testing

/// Every ```query block of docs/query-language.md runs against the bundled knowledge base: it
/// parses, runs without warnings and finds at least one entry, so the documentation cannot
/// drift from the program (or from the knowledge base it describes).
@Suite struct DocumentationExamplesTests {
  static let repository = URL(fileURLWithPath: Binary.repositoryKnowledge)
    .deletingLastPathComponent()

  static var examples: [String] {
    let path = repository.appendingPathComponent("docs/query-language.md").path
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    var examples: [String] = []
    var current: [String]?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if current == nil, line == "```query" {
        current = []
      } else if current != nil, line == "```" {
        examples += current!.filter { !$0.isEmpty }
        current = nil
      } else if current != nil {
        current!.append(String(line))
      }
    }
    return examples
  }

  static let searcher = Searcher(try! Loader.load(Binary.repositoryKnowledge))

  @Test func theDocumentationHasExamples() {
    #expect(Self.examples.count >= 20)
  }

  @Test(arguments: examples)
  func exampleRunsAndFindsSomething(_ query: String) throws {
    let result = try Self.searcher.run(query)
    #expect(result.warnings.isEmpty, "\(result.warnings)")
    #expect(result.found, "no entry matches '\(query)'")
  }
}
