import TestSupport
import Testing

@testable import KnowledgeModel

@Suite struct LoaderTests {
  @Test func loadsAForeignFolderWithoutVocabulary() throws {
    let folder = try TemporaryFolder()
    try folder.write(
      "_posts/2019-10-20-hello.md",
      "---\nlayout: post\ntitle: Hello\ndate: 2019-10-20 10:00:00 +0000\ncategories: [news]\n---\nHi\n"
    )
    try folder.write("notes/plain.md", "Some text\n\n# A Heading\nmore")
    try folder.write("notes/bare.md", "no heading here")
    try folder.write("README.md", "# Not an entry")
    let kb = try Loader.load(folder.path)
    #expect(kb.vocabulary == nil)
    #expect(kb.entries.map(\.title) == ["Hello", "bare", "A Heading"])
    let hello = kb.entries[0]
    #expect(hello.date == PartialDate("2019-10-20"))
    #expect(hello.extraValues["layout"] == .text("post"))
    #expect(hello.extraValues["categories"] == .list(["news"]))
    #expect(kb.diagnostics.isEmpty)
  }

  @Test func keepsScalarsAsWritten() throws {
    let folder = try TemporaryFolder()
    try folder.write(
      "a.md",
      "---\ntitle: A\nflag: NO\nswitch: on\nversion: 1.10\nwhen: 2019-10-20\nnested: {x: 1}\n---\n")
    let entry = try #require(try Loader.load(folder.path).entries.first)
    #expect(entry.extraValues["flag"] == .text("NO"))
    #expect(entry.extraValues["switch"] == .text("on"))
    #expect(entry.extraValues["version"] == .text("1.10"))
    #expect(entry.extraValues["when"] == .text("2019-10-20"))
    #expect(entry.extraValues["nested.x"] == .text("1"))
  }

  @Test func handlesBOMAndCRLF() throws {
    let folder = try TemporaryFolder()
    try folder.write(
      "a.md",
      bytes: [0xEF, 0xBB, 0xBF]
        + Array("---\r\ntitle: Windows\r\ntags: [x]\r\n---\r\nline one\r\nline two\r\n".utf8))
    let kb = try Loader.load(folder.path)
    #expect(kb.diagnostics.isEmpty)
    #expect(kb.entries.first?.title == "Windows")
    #expect(kb.entries.first?.tags == ["x"])
    #expect(kb.entries.first?.body == "line one\nline two\n")
  }

  @Test func aBrokenFileNeverStopsTheOthers() throws {
    let folder = try TemporaryFolder()
    try folder.write("good.md", "---\ntitle: Good\n---\nbody")
    try folder.write("yaml.md", "---\ntitle: [unclosed\n---\n")
    try folder.write("open.md", "---\ntitle: x\n")
    try folder.write("latin1.md", bytes: Array("caf".utf8) + [0xE9, 0x0A])
    try folder.write("nul.md", bytes: Array("---\ntitle: a".utf8) + [0] + Array("\n---\n".utf8))
    try folder.write("keys.md", "---\ntitle: a\ntitle: b\n---\n")
    let kb = try Loader.load(folder.path)
    #expect(kb.entries.map(\.title) == ["Good"])
    #expect(kb.failedFiles == 5)
    let p = folder.path
    #expect(
      kb.diagnostics.map(\.description).sorted() == [
        "\(p)/keys.md:2:1: error: duplicate key 'title'",
        "\(p)/latin1.md:1:4: error: file is not valid UTF-8 (byte 0xE9)",
        "\(p)/nul.md:2:9: error: file contains a NUL byte",
        "\(p)/open.md:1:1: error: front matter opened with '---' is never closed (expected '---' or '...' on a line of its own)",
        "\(p)/yaml.md:3:1: error: invalid YAML: did not find expected ',' or ']' while parsing a flow sequence",
      ])
  }

  @Test func defaultsIdToFileNameAndKindToFolder() throws {
    let folder = try TemporaryFolder()
    try folder.write("lessons/listen-first.md", "---\ntitle: Listen first\n---\nbody")
    let entry = try #require(try Loader.load(folder.path).entries.first)
    #expect(entry.id == "listen-first")
    #expect(entry.kind == "lesson")
  }

  @Test func resolvesVocabularyAliases() throws {
    let folder = try TemporaryFolder()
    try folder.write("vocabulary.yaml", Fixtures.vocabulary)
    try folder.write(
      "lessons/a.md", Fixtures.entry(title: "A", tags: ["culture"], offices: ["dcfs"]))
    let entry = try #require(try Loader.load(folder.path).entries.first)
    #expect(entry.tags == ["safety-culture"])
    #expect(entry.offices == ["la-dcfs"])
  }

  @Test func missingFolderIsAnError() {
    #expect(throws: KnowledgeBaseError.notFound("/nonexistent/kb")) {
      try Loader.load("/nonexistent/kb")
    }
  }

  @Test func loadsManyFilesInParallelInPathOrder() throws {
    let folder = try TemporaryFolder()
    for i in 0..<300 {
      try folder.write("lessons/e\(1000 + i).md", "---\ntitle: Entry \(i)\n---\nbody \(i)")
    }
    let kb = try Loader.load(folder.path)
    #expect(kb.entries.count == 300)
    #expect(kb.entries.map(\.id) == (0..<300).map { "e\(1000 + $0)" })
  }
}
