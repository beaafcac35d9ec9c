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
    let shell = Shell(knowledgeBase: kb, path: kbPath, searches: store)
    var out = ""
    for line in inputs {
      out += "> \(line)\n"
      var response = shell.run(line, options: .plain)
      if let question = response.confirmation {
        out += "? \(question)yes\n"
        response = shell.confirm(true)
      }
      out += response.output
      for l in response.diagnostics.split(separator: "\n", omittingEmptySubsequences: false)
        .dropLast()
      {
        out += "2> \(l)\n"
      }
      if let command = response.pipeCommand { out += "(piped to: \(command))\n" }
      if let command = response.shellCommand { out += "(shell: \(command))\n" }
      if response.quit { out += "(quit)\n" }
    }
    return out.replacingOccurrences(of: home.path, with: "$HOME")
      .replacingOccurrences(of: kbPath, with: "$KB")
  }
}
