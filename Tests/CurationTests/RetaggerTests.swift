import CacheFormat
import Curation
import Foundation
import KnowledgeModel
import TestSupport
import Testing

@Suite struct RetaggerTests {
  static let vocabulary = VocabularyReader.read(text: Fixtures.vocabulary, displayPath: "v").0
  static let change = ListChange(add: true, field: .tags, value: "safety-culture")

  @Test func aFileChangedBetweenThePlanAndTheWriteIsRefusedNotMerged() throws {
    let folder = try TemporaryFolder()
    let a = try folder.write("a.md", Fixtures.entry(title: "A"))
    let b = try folder.write("b.md", Fixtures.entry(title: "B"))
    let plan = Retagger.plan(
      [Self.change], for: [a, b].map { .init(path: $0, loadedHash: nil) },
      vocabulary: Self.vocabulary)
    #expect(plan.edits.count == 2)
    let meanwhile = Fixtures.entry(title: "B, edited by someone else")
    try folder.write("b.md", meanwhile)
    let (written, refused) = Retagger.apply(plan.edits)
    #expect(written == [a])
    #expect(
      refused == [
        .init(path: b, reason: "changed after the query ran; not written (run the command again)")
      ])
    #expect(folder.text("b.md") == meanwhile)
    #expect(folder.text("a.md")?.contains("tags: [supervision, safety-culture]\n") == true)
  }

  @Test func aFileChangedSinceItWasLoadedIsNotPlanned() throws {
    let folder = try TemporaryFolder()
    let text = Fixtures.entry(title: "A")
    let a = try folder.write("a.md", text)
    let loaded = Checksum.of(Array(text.utf8))
    try folder.write("a.md", text + "more\n")
    let plan = Retagger.plan(
      [Self.change], for: [.init(path: a, loadedHash: loaded)], vocabulary: Self.vocabulary)
    #expect(plan.edits.isEmpty)
    #expect(plan.refused.map(\.reason) == ["changed since it was loaded; run the command again"])
  }

  @Test func writesKeepThePermissionsAndLeaveNoTemporaryFile() throws {
    let folder = try TemporaryFolder()
    let a = try folder.write("a.md", Fixtures.entry(title: "A"))
    chmod(a, 0o640)
    let plan = Retagger.plan(
      [Self.change], for: [.init(path: a, loadedHash: nil)], vocabulary: Self.vocabulary)
    _ = Retagger.apply(plan.edits)
    #expect(folder.mode("a.md") == 0o640)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.md"])
  }
}
