import Briefing
import Foundation
import KnowledgeModel
import ShellKit
import TestSupport
import Testing

/// `.brief QUERY [> FILE]` in the shell.
@Suite struct BriefCommandTests {
  func shell() throws -> Session {
    let path = FixturePaths.smallKB
    return Session(knowledgeBase: try Loader.load(path), path: path, searches: nil)
  }

  @Test func writesHTMLOrMarkdownByTheFilesName() throws {
    let folder = try TemporaryFolder()
    let shell = try shell()
    let html = folder.url("handout.html")
    let response = shell.run(".brief kind:principle > \(html)")
    #expect(response.output == "wrote 2 entries to \(html)\n")
    #expect(try String(contentsOfFile: html, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    let md = folder.url("handout.md")
    _ = shell.run("kind:lesson")
    #expect(shell.run(".brief @last > \(md)").output.hasPrefix("wrote 4 entries"))
    #expect(
      try String(contentsOfFile: md, encoding: .utf8).hasPrefix("# Lessons-learned briefing\n"))
  }

  @Test func withoutAFileTheMarkdownIsShown() throws {
    let response = try shell().run(".brief id:just-culture")
    #expect(response.output.contains("## 1. Just culture"))
  }

  @Test(arguments: [
    (".brief", "error: expected a query after '.brief'\n"),
    (".brief kind:lesson >", "error: expected a file name after '>'\n"),
    (
      ".brief * | count",
      "error: a briefing needs a list of entries, not counts\n  * | count\n  ^^^^^^^^^\n"
    ),
  ])
  func mistakesAreErrors(_ line: String, _ expected: String) throws {
    let response = try shell().run(line)
    #expect(response.failed)
    #expect(response.diagnostics == expected)
  }

  @Test func anUnwritableFileIsAnError() throws {
    let response = try shell().run(".brief * > /no/such/folder/x.md")
    #expect(response.failed)
    #expect(response.diagnostics.hasPrefix("error: cannot write '/no/such/folder/x.md'"))
  }

  @Test(arguments: [
    ("a > b.md", "a", "b.md"), ("title:\"x > y\" > out.html", "title:\"x > y\"", "out.html"),
    ("a>b", "a>b", nil), ("a", "a", nil),
  ])
  func outputIsSplitAtTheLastBracketOutsideQuotes(_ line: String, _ query: String, _ file: String?)
  {
    let split = Briefing.splitOutput(line)
    #expect(split.query == query)
    #expect(split.file == file)
  }
}
