import Foundation
import KnowledgeModel
import ShellKit
import TestSupport
import Testing

/// A knowledge base that disappears or changes under a running shell: `.reload` says so and the
/// shell keeps the last good knowledge base.
@Suite struct ShellFaultTests {
  func shell(_ folder: TemporaryFolder) throws -> Session {
    try folder.write("kb/a.md", "---\ntitle: Alpha\n---\nbody\n")
    try folder.write("kb/b.md", "---\ntitle: Beta\n---\nbody\n")
    let path = folder.url("kb")
    return Session(knowledgeBase: try Loader.load(path), path: path, searches: nil)
  }

  func titles(_ shell: Session) -> String {
    shell.output("* | fields title")
  }

  @Test func folderRemovedKeepsTheLastGoodKnowledgeBase() throws {
    let folder = try TemporaryFolder()
    let shell = try shell(folder)
    try FileManager.default.removeItem(atPath: folder.url("kb"))
    let response = shell.execute(.reload)
    #expect(response.status == .failed)
    #expect(
      response.notices.map(\.rendered)
        == [
          "error: cannot reload: no knowledge base at '\(folder.url("kb"))': no such folder; keeping the 2 entries already loaded"
        ]
    )
    #expect(titles(shell) == "title\nAlpha\nBeta\n")
  }

  @Test func folderReplacedByAFileKeepsTheLastGoodKnowledgeBase() throws {
    let folder = try TemporaryFolder()
    let shell = try shell(folder)
    try FileManager.default.removeItem(atPath: folder.url("kb"))
    try folder.write("kb", "not a folder")
    let response = shell.execute(.reload)
    #expect(response.status == .failed)
    #expect(
      response.notices.map(\.rendered).joined().contains(
        "not a folder; keeping the 2 entries already loaded"))
    #expect(titles(shell) == "title\nAlpha\nBeta\n")
  }

  @Test func everyFileBrokenKeepsTheLastGoodKnowledgeBase() throws {
    let folder = try TemporaryFolder()
    let shell = try shell(folder)
    try folder.write("kb/a.md", bytes: [0xFF])
    try folder.write("kb/b.md", "---\ntitle: [\n---\n")
    let response = shell.execute(.reload)
    #expect(response.status == .failed)
    #expect(
      response.notices.map(\.rendered)
        == [
          "error: cannot reload: '\(folder.url("kb"))' now has no entry that loads (2 files failed); keeping the 2 entries already loaded"
        ]
    )
    #expect(titles(shell) == "title\nAlpha\nBeta\n")
  }

  @Test func oneFileBrokenReloadsTheRestAndSaysSo() throws {
    let folder = try TemporaryFolder()
    let shell = try shell(folder)
    try folder.write("kb/b.md", "---\ntitle: [\n---\n")
    try folder.write("kb/c.md", "---\ntitle: Gamma\n---\n")
    #expect(
      shell.output(".reload")
        == "reloaded kb: 2 entries; 1 file failed to load (run safetykb check)\n")
    #expect(titles(shell) == "title\nAlpha\nGamma\n")
  }

  @Test func hostileNameInTheBannerAndReloadIsEscaped() throws {
    let folder = try TemporaryFolder()
    try folder.write(
      "kb/vocabulary.yaml",
      "name: \"KB \\e]0;pwned\\a\"\nkinds: {}\ntags: {}\noffices: {}\noutcomes: {}\n")
    try folder.write("kb/a.md", "---\ntitle: Alpha\n---\nbody\n")
    let path = folder.url("kb")
    let shell = Session(knowledgeBase: try Loader.load(path), path: path, searches: nil)
    #expect(shell.banner.hasPrefix("SafetyKB — KB \\e]0;pwned\\a: 1 entries"))
    #expect(shell.output(".reload").hasPrefix("reloaded KB \\e]0;pwned\\a:"))
  }

  @Test func completionNeverOffersAValueWithControlCharacters() throws {
    let folder = try TemporaryFolder()
    try folder.write(
      "kb/a.md", "---\ntitle: A\ntags: [\"safe\", \"s\\e[2Jx\", \"s\\u202Ey\"]\n---\n")
    let path = folder.url("kb")
    let kb = try Loader.load(path)
    let completer = Completer(kb: kb, savedSearchNames: [])
    let result = completer.complete(line: "tag:s", cursor: 5)
    #expect(
      result.candidates.allSatisfy {
        !$0.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E }
      })
    #expect(result.candidates.contains { $0.hasSuffix("safe") })
  }
}
