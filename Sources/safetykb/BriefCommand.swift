import ArgumentParser
import Briefing
import Foundation
import QueryEngine
import ShellKit
import TerminalText

extension Briefing.Format: ExpressibleByArgument {}

/// `safetykb brief [--format markdown|html] [--title T] QUERY…`: a handout of a result list.
struct BriefCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "brief",
    abstract: "Write a briefing handout of a query's entries (Markdown or HTML).",
    discussion: """
      The handout holds the title, the date, how the query was read, a short table of contents, \
      then each entry's title, kind, date, summary, its "What to do" or "In practice" section, \
      and its sources. HTML is one self-contained page, safe to open: raw HTML and unsafe links \
      from entries never reach it.

      Exit status: 0 when at least one entry matched, 1 when none did (the handout says so), 2 \
      on a usage, query or knowledge-base error.
      """
  )

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions

  @Option(help: "markdown (the source form) or html.")
  var format: Briefing.Format = .markdown

  @Option(help: "The handout's title (default: \"\(Briefing.defaultTitle)\").")
  var title: String?

  @ArgumentParser.Argument(parsing: .allUnrecognized, help: "The query.")
  var words: [String] = []

  func run() throws {
    let text = words.filter { $0 != "--" }.joined(separator: " ")
    if text.allSatisfy(\.isWhitespace) {
      throw Failure("expected a query (use '*' for every entry)")
    }
    let kb = try knowledgeBase.load()
    let searches = Stores.searches(kbPath: knowledgeBase.resolvedPath)
    let briefing: Briefing
    do {
      briefing = try Briefing(
        query: text, title: title, searcher: Searcher(kb),
        savedSearches: SavedSearchBridge(searches))
    } catch {
      Output.error.write(error.rendered + "\n")
      throw Exit(status: 2)
    }
    let page = briefing.render(as: format)
    // On a terminal, text from the knowledge base is shown escaped, as everywhere.
    Output.standard.write(isatty(1) == 1 ? Escaping.visibleKeepingLines(page) : page)
    if briefing.items.isEmpty { throw Exit(status: 1) }
  }
}
