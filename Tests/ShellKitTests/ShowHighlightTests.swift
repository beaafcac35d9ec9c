import KnowledgeModel
import Rendering
import ShellKit
import TestSupport
import Testing

/// `.show ID` after a query highlights that query's words, on a colour terminal only.
@Suite struct ShowHighlightTests {
  static let reverse = "\u{1B}[7m"
  static let colour = RenderOptions(width: 80, color: true, terminal: true)

  func shell() throws -> Session {
    let path = FixturePaths.smallKB
    return Session(knowledgeBase: try Loader.load(path), path: path, searches: nil)
  }

  func shown(_ shell: Session, _ line: String, _ options: RenderOptions = colour) -> String {
    var sink = ""
    Presenter(options: options).render(shell.execute(line: line).content, into: &sink)
    return sink
  }

  @Test func theLastQuerysWordsAreMarkedInTheTitleAndTheBody() throws {
    let shell = try shell()
    _ = shown(shell, "errors systems")
    let text = shown(shell, ".show just-culture")
    // "error" in the title and "errors", "systems" in the body: every form the stem matches.
    #expect(text.contains("separates \(Self.reverse)error\u{1B}[27m from"))
    #expect(text.contains("\(Self.reverse)errors\u{1B}[27m"))
    #expect(text.contains("\(Self.reverse)systems\u{1B}[27m"))
    #expect(!text.contains("\(Self.reverse)People"))
  }

  @Test func nothingIsMarkedBeforeAnyQueryOrWithoutColour() throws {
    let shell = try shell()
    #expect(!shown(shell, ".show just-culture").contains(Self.reverse))
    _ = shown(shell, "errors")
    let plain = shown(shell, ".show just-culture", RenderOptions(width: 80, terminal: true))
    #expect(!plain.contains("\u{1B}"))
    #expect(plain.contains("People make errors; systems shape them."))
  }

  @Test func aQueryWithoutWordsEndsTheHighlighting() throws {
    let shell = try shell()
    _ = shown(shell, "errors")
    #expect(shown(shell, ".show just-culture").contains(Self.reverse))
    _ = shown(shell, "kind:principle")
    #expect(!shown(shell, ".show just-culture").contains(Self.reverse))
  }
}
