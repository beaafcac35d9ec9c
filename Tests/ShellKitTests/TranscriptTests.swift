import Foundation
import KnowledgeModel
import Rendering
import SearchStore
import ShellKit
import TestSupport
import Testing

/// Golden transcripts of whole shell sessions over the small fixture knowledge base. Each file in
/// Transcripts/ holds input lines (`> …`), the standard output that follows, and standard error
/// lines (`2> …`). Run with SAFETYKB_RECORD=1 to write the current behaviour back to the files,
/// then read the diff before committing.
@Suite struct TranscriptTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Transcripts")

  static var names: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { $0.hasSuffix(".transcript") }.sorted()
  }

  /// A missing or emptied folder must fail, not pass with no cases.
  @Test func theTranscriptsAreThere() {
    #expect(Self.names.count >= 3, "found \(Self.names) in \(Self.folder.path)")
  }

  @Test(arguments: names)
  func transcript(_ name: String) throws {
    let path = Self.folder.appendingPathComponent(name).path
    let expected = try String(contentsOfFile: path, encoding: .utf8)
    let inputs = expected.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { $0.hasPrefix("> ") }.map { String($0.dropFirst(2)) }
    let actual = try Self.replay(inputs)
    if ProcessInfo.processInfo.environment["SAFETYKB_RECORD"] == "1" {
      try actual.write(toFile: path, atomically: true, encoding: .utf8)
    }
    #expect(actual == expected)
  }

  /// Runs the lines through a fresh shell (empty personal store; the fixture's shared searches)
  /// and writes them out in transcript form.
  static func replay(_ inputs: [String]) throws -> String {
    let home = try TemporaryFolder()
    let kbPath = FixturePaths.smallKB
    let kb = try Loader.load(kbPath)
    let store = SavedSearches(
      personalPath: home.url("searches.yaml"), sharedPath: kbPath + "/searches.yaml")
    let session = Session(knowledgeBase: kb, path: kbPath, searches: store)
    let out = session.replay(inputs).text
    return out.replacingOccurrences(of: home.path, with: "$HOME")
      .replacingOccurrences(of: kbPath, with: "$KB")
  }
}
