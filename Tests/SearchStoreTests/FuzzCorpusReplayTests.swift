import Foundation
import SearchStore
import TestSupport
import Testing

/// Every committed input of the FuzzStore corpus (seeds, and each crash a campaign found, kept
/// as `crash-*`) as a store file: its searches and located problems, never a crash.
@Suite struct FuzzCorpusReplayTests {
  static func inputs() -> [String] {
    let folder = FixturePaths.fuzzCorpus("FuzzStore")
    return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
      .map { folder + "/" + $0 }
  }

  @Test(arguments: inputs())
  func storeInput(_ path: String) throws {
    let (searches, problems) = PersonalStore(path: path).load()
    #expect(problems.allSatisfy { $0.path == path && $0.line >= 1 && $0.column >= 1 })
    #expect(Set(searches.map(\.name)).count == searches.count)
  }
}
