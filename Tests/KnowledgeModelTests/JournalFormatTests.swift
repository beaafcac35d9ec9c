import CacheFormat
import Testing

@testable import KnowledgeModel

@Suite struct JournalFormatTests {
  @Test(arguments: [
    "a.md", "sub/b.md", "cookie x.md", "*", "x\ny.md", "back\\slash.md", "tab\there.md", "café.md",
    "\u{7F}.md",
  ])
  func aPathReadsBackAsOneLineOfItself(_ path: String) {
    let line = JournalFormat.line(.path(path))
    #expect(line.filter { $0 == JournalFormat.newline }.count == 1)
    #expect(JournalFormat.parse(line.dropLast()) == .path(path))
  }

  @Test func cookiesAndStarsReadBack() {
    for line in [JournalFormat.Line.everything, .cookie("123-abc"), .cookie("odd name\n")] {
      #expect(JournalFormat.parse(JournalFormat.line(line).dropLast()) == line)
    }
  }

  @Test(arguments: ["", "a b.md", "a\\x4.md", "a\\q00.md", "a\\xzz.md", "cookie ", "x*.md"])
  func malformedLinesAreNone(_ text: String) {
    #expect(JournalFormat.parse(Array(text.utf8)[...]) == nil)
  }

  @Test func theHeaderReadsBack() throws {
    let bytes = JournalFormat.header(token: 0x1234, root: "/kb with space") + Array("a.md\n".utf8)
    let header = try #require(JournalFormat.header(in: bytes[...]))
    #expect(header.token == 0x1234)
    #expect(header.root == "/kb with space")
    #expect(Array(bytes[header.length...]) == Array("a.md\n".utf8))
  }

  @Test func aMarkReadsBack() throws {
    var w = BinaryWriter()
    JournalMark(token: .max, offset: 123_456).write(to: &w)
    var r = BinaryReader(w.bytes)
    #expect(try JournalMark(from: &r) == JournalMark(token: .max, offset: 123_456))
    var short = BinaryReader(Array(w.bytes.dropLast()))
    #expect(throws: BinaryReader.Damaged.self) { try JournalMark(from: &short) }
  }

  /// Any journal, cut anywhere or with any byte changed, reads as a header or none, and as lines
  /// or none: never a crash.
  @Test func damagedJournalsNeverCrash() {
    let journal =
      JournalFormat.header(token: 77, root: "/kb") + JournalFormat.line(.path("a b.md"))
      + JournalFormat.line(.everything) + JournalFormat.line(.cookie("c1"))
    for cut in 0...journal.count {
      let bytes = Array(journal[0..<cut])
      if let header = JournalFormat.header(in: bytes[...]) {
        #expect(header.token == 77 && header.length <= cut)
      }
      for line in bytes.split(separator: JournalFormat.newline) { _ = JournalFormat.parse(line) }
    }
    for index in journal.indices {
      for value: UInt8 in [0, 10, 32, 42, 92, 0xFF] {
        var bytes = journal
        bytes[index] = value
        _ = JournalFormat.header(in: bytes[...])
        for line in bytes.split(separator: JournalFormat.newline) { _ = JournalFormat.parse(line) }
      }
    }
  }
}
