import Foundation
import TestSupport
import Testing

@testable import KnowledgeModel

#if canImport(Glibc)
  import Glibc
#endif

/// Hostile knowledge-base folders, made at run time because they are huge or special: a 20 MB
/// body, 10,000 empty files, link loops, files that cannot be read, files that never end.
@Suite struct HostileFolderTests {
  static let isRoot = getuid() == 0

  func folderWithGoodFile() throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    try folder.write("good.md", "---\ntitle: Good\n---\nbody\n")
    return folder
  }

  /// The loads a folder may have: without cache, a first one that writes a cache (each file
  /// opened in its folder and stamped as it is read), and one from that cache.
  func everyLoad(_ path: String) throws -> [(String, KnowledgeBase)] {
    let cache = try TemporaryFolder()
    let location = CacheLocation(directory: cache.path)
    return [
      ("no cache", try HostileFileTests.timedLoad(path)),
      ("first cache", try HostileFileTests.timedLoad(path, cache: location)),
      ("cached", try HostileFileTests.timedLoad(path, cache: location)),
    ]
  }

  @Test func twentyMegabyteBodyLoads() throws {
    let folder = try folderWithGoodFile()
    let line = String(repeating: "lorem ipsum dolor ", count: 4) + "\n"
    let body = String(repeating: line, count: 20_000_000 / line.utf8.count)
    try folder.write("big.md", "---\ntitle: Big\n---\n" + body)
    let kb = try HostileFileTests.timedLoad(folder.path)
    #expect(kb.entries.map(\.title) == ["Big", "Good"])
    #expect(kb.entries.first?.body.utf8.count == body.utf8.count)
    #expect(kb.diagnostics.isEmpty)
  }

  @Test func tenThousandEmptyFilesLoadQuickly() throws {
    let folder = try folderWithGoodFile()
    try FileManager.default.createDirectory(
      atPath: folder.url("empty"), withIntermediateDirectories: true)
    for i in 0..<10_000 {
      let fd = open(folder.url(String(format: "empty/e%05d.md", i)), O_CREAT | O_WRONLY, 0o644)
      close(fd)
    }
    let kb = try HostileFileTests.timedLoad(folder.path)
    #expect(kb.fileCount == 10_001)
    #expect(kb.entries.count == 10_001, "an empty file is an entry titled by its name")
    #expect(kb.entries.contains { $0.title == "Good" })
    #expect(kb.entries.contains { $0.title == "e09999" })
  }

  @Test func symbolicLinkLoopIsReportedOnce() throws {
    let folder = try folderWithGoodFile()
    try folder.write("sub/inner.md", "---\ntitle: Inner\n---\n")
    try FileManager.default.createSymbolicLink(
      atPath: folder.url("sub/loop"), withDestinationPath: "..")
    let kb = try HostileFileTests.timedLoad(folder.path)
    #expect(kb.entries.map(\.title) == ["Good", "Inner"])
    #expect(kb.diagnostics.count == 1)
    #expect(kb.diagnostics.first?.severity == .warning)
    #expect(kb.diagnostics.first?.location.path == folder.url("sub/loop"))
    #expect(kb.diagnostics.first?.message.hasPrefix("folder is a link back to") == true)
  }

  @Test func linkToItselfIsABrokenLink() throws {
    let folder = try folderWithGoodFile()
    try FileManager.default.createSymbolicLink(
      atPath: folder.url("self.md"), withDestinationPath: "self.md")
    let kb = try HostileFileTests.timedLoad(folder.path)
    #expect(kb.entries.map(\.title) == ["Good"])
    #expect(
      kb.diagnostics.map(\.description) == [
        "\(folder.url("self.md")):1:1: warning: broken symbolic link; skipped"
      ])
  }

  @Test(.enabled(if: !isRoot, "tests run as root here, and root reads a mode-000 file anyway"))
  func fileWithoutReadPermission() throws {
    let folder = try folderWithGoodFile()
    let path = try folder.write("secret.md", "---\ntitle: Secret\n---\n")
    chmod(path, 0)
    let kb = try HostileFileTests.timedLoad(folder.path)
    #expect(kb.entries.map(\.title) == ["Good"])
    #expect(
      kb.diagnostics.map(\.description) == [
        "\(path):1:1: error: cannot read file: permission denied"
      ])
  }

  /// Root can read any file, so an unreadable entry is made another way: a named pipe nobody
  /// writes to (opening it would wait forever) and a link to a device that never ends.
  @Test func namedPipeIsRefusedWithoutWaiting() throws {
    let folder = try folderWithGoodFile()
    #expect(mkfifo(folder.url("pipe.md"), 0o644) == 0)
    for (load, kb) in try everyLoad(folder.path) {
      #expect(kb.entries.map(\.title) == ["Good"], "\(load)")
      #expect(
        kb.diagnostics.map(\.description) == [
          "\(folder.url("pipe.md")):1:1: error: cannot read file: not a regular file"
        ], "\(load)")
    }
  }

  @Test func linkToAnEndlessDeviceIsRefused() throws {
    let folder = try folderWithGoodFile()
    try FileManager.default.createSymbolicLink(
      atPath: folder.url("zero.md"), withDestinationPath: "/dev/zero")
    for (load, kb) in try everyLoad(folder.path) {
      #expect(kb.entries.map(\.title) == ["Good"], "\(load)")
      #expect(
        kb.diagnostics.map(\.description) == [
          "\(folder.url("zero.md")):1:1: error: cannot read file: not a regular file"
        ], "\(load)")
    }
  }

  @Test func unreadableVocabularyIsReportedAndEntriesStillLoad() throws {
    let folder = try folderWithGoodFile()
    #expect(mkfifo(folder.url("vocabulary.yaml"), 0o644) == 0)
    let kb = try HostileFileTests.timedLoad(folder.path)
    #expect(kb.entries.map(\.title) == ["Good"])
    #expect(
      kb.diagnostics.map(\.description) == [
        "\(folder.url("vocabulary.yaml")):1:1: error: cannot read file: not a regular file"
      ])
  }

  @Test func hostileVocabularyIsLocated() throws {
    let folder = try folderWithGoodFile()
    try folder.write("vocabulary.yaml", "tags: " + String(repeating: "[", count: 10_000))
    let kb = try HostileFileTests.timedLoad(folder.path)
    #expect(kb.entries.map(\.title) == ["Good"])
    #expect(
      kb.diagnostics.map(\.description) == [
        "\(folder.url("vocabulary.yaml")):1:71: error: front matter is nested too deeply (more than 64 levels)"
      ])
  }
}
