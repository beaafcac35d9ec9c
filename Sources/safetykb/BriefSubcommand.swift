import ArgumentParser
import Briefing

extension Briefing.Format: ExpressibleByArgument {}

/// `safetykb brief [--format markdown|html] [--title T] QUERY…`: a handout of a result list.
struct BriefSubcommand: ParsableCommand {
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

  @Argument(parsing: .allUnrecognized, help: "The query.")
  var words: [String] = []

  func run() throws {
    let text = try queryText(words, missing: "expected a query (use '*' for every entry)")
    try knowledgeBase.session().runOnce(
      .brief(query: text, title: title, format: format), presenter: .standard())
  }
}
