import Foundation
import TestSupport
import Testing

@testable import KnowledgeModel

/// Every committed input of the FuzzEntry corpus (seeds, and each crash a campaign found, kept
/// as `crash-*`) through the normal API: an entry or located diagnostics, never a crash.
@Suite struct FuzzCorpusReplayTests {
  static func inputs(_ target: String) -> [String] {
    let folder = FixturePaths.fuzzCorpus(target)
    return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
      .map { folder + "/" + $0 }
  }

  @Test(arguments: inputs("FuzzEntry"))
  func entryInput(_ path: String) throws {
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    for curated in [true, false] {
      let result = EntryParser(curated: curated).parse(
        bytes: bytes, path: "entry.md", displayPath: "kb/entry.md")
      #expect(result.entry != nil || !result.diagnostics.isEmpty)
      #expect(result.diagnostics.allSatisfy { $0.location.path == "kb/entry.md" })
    }
    _ = VocabularyReader.read(
      text: String(decoding: bytes, as: UTF8.self), displayPath: "kb/vocabulary.yaml")
  }
}
