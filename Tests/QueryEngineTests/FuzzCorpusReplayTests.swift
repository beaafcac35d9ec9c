import Foundation
import KnowledgeModel
import QueryEngine
import TestSupport
import Testing

/// Every committed input of the FuzzQuery corpus (seeds, and each crash a campaign found, kept
/// as `crash-*`) as a query over the fixture knowledge base: an answer or a located error.
@Suite struct FuzzCorpusReplayTests {
  static func inputs() -> [String] {
    let folder = FixturePaths.fuzzCorpus("FuzzQuery")
    return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
      .map { folder + "/" + $0 }
  }

  static let searcher = Searcher(try! Loader.load(FixturePaths.smallKB))

  @Test(arguments: inputs())
  func queryInput(_ path: String) throws {
    let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    let saved = SavedSearchList([
      "lancaster": "office:lancaster", "recent": "date>=2020 $1 | limit 3",
    ])
    do {
      _ = try Self.searcher.run(text, savedSearches: saved, lastQuery: "culture")
      _ = try Self.searcher.explain(text, savedSearches: saved)
    } catch {
      #expect(error.rendered.hasPrefix("error: "))
    }
  }
}
