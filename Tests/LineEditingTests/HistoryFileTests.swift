import LineEditing
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct HistoryFileTests {
  @Test(arguments: [
    "plain", "back\\slash", "two\nlines", "cr\r", "\\n literally", "café 東京", "trailing\\",
  ])
  func escapingRoundTrips(_ line: String) {
    let encoded = HistoryFile.encode(line)
    #expect(!encoded.contains("\n") && !encoded.contains("\r"))
    #expect(HistoryFile.decode(encoded) == line)
  }

  @Test func storesRulesAndModes() throws {
    let folder = try TemporaryFolder()
    let history = HistoryFile(path: folder.path + "/state/safetykb/history")
    history.load()
    #expect(history.add("first"))
    #expect(!history.add("first"))  // same as the previous one
    #expect(!history.add(" secret"))  // leading space
    #expect(!history.add(""))
    #expect(history.add("two\nlines"))
    #expect(history.add("first"))  // not the previous one any more
    #expect(folder.text("state/safetykb/history") == "first\ntwo\\nlines\nfirst\n")
    #expect(folder.mode("state/safetykb/history") == 0o600)
    #expect(folder.mode("state/safetykb") == 0o700)
    #expect(folder.mode("state") == 0o700)

    let again = HistoryFile(path: folder.path + "/state/safetykb/history")
    #expect(again.load() == ["first", "two\nlines", "first"])
    #expect(!again.add("first"))  // dedupe against the loaded history too
  }

  @Test func keepsAtMostTheLimit() throws {
    let folder = try TemporaryFolder()
    let path = folder.path + "/history"
    let history = HistoryFile(path: path, limit: 1000, rewriteThreshold: 1100)
    history.load()
    for index in 1...1100 { history.add("line \(index)") }
    #expect(folder.text("history")?.split(separator: "\n").count == 1100)
    history.add("line 1101")  // past the threshold: rewritten to the last 1000
    let lines = folder.text("history")!.split(separator: "\n")
    #expect(lines.count == 1000)
    #expect(lines.first == "line 102" && lines.last == "line 1101")
    #expect(folder.mode("history") == 0o600)
    #expect(history.entries.count == 1000)
    let reloaded = HistoryFile(path: path)
    #expect(reloaded.load().count == 1000)
  }

  @Test func loadKeepsTheLastEntries() throws {
    let folder = try TemporaryFolder()
    try folder.write("history", (1...1200).map { "l\($0)\n" }.joined())
    let history = HistoryFile(path: folder.path + "/history")
    let entries = history.load()
    #expect(entries.count == 1000 && entries.first == "l201" && entries.last == "l1200")
  }

  @Test func fullDiskReportsOnceAndNeverCrashes() throws {
    final class Messages: @unchecked Sendable { var list: [String] = [] }
    let messages = Messages()
    let history = HistoryFile(path: "/dev/full", report: { messages.list.append($0) })
    history.load()
    #expect(!history.add("one"))
    #expect(!history.add("two"))
    #expect(messages.list.count == 1)
    #expect(messages.list.first?.contains("no space left on device") == true)
    #expect(messages.list.first?.contains("history not saved") == true)
  }

  @Test func failedRewriteLeavesThePreviousFile() throws {
    let folder = try TemporaryFolder()
    let path = folder.path + "/history"
    let history = HistoryFile(path: path, limit: 2, rewriteThreshold: 3)
    history.load()
    history.add("a")
    history.add("b")
    history.add("c")
    // The rewrite goes through a temporary file: make its name a folder so creating it fails.
    mkdir(path + ".tmp.\(getpid())", 0o700)
    final class Count: @unchecked Sendable { var value = 0 }
    let reported = Count()
    let writer = HistoryFile(
      path: path, limit: 2, rewriteThreshold: 3, report: { _ in reported.value += 1 })
    writer.load()
    #expect(!writer.add("d"))
    #expect(!writer.add("e"))
    #expect(reported.value == 1)
    #expect(folder.text("history") == "a\nb\nc\n")
  }

  @Test func missingFileIsEmpty() throws {
    let folder = try TemporaryFolder()
    #expect(HistoryFile(path: folder.path + "/none").load().isEmpty)
  }
}
