import ArgumentParser
import Console

/// `safetykb query QUERY…`: one query, results on standard output, exit status like grep's.
struct QuerySubcommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "query",
    abstract: "Run one query and print its results.",
    discussion: """
      The words are joined by spaces into one query (quote them for your shell, or put them \
      after --). See docs/query-language.md, or `.help query` in the shell.

      Exit status: 0 when at least one entry matched, 1 when none did, 2 on a usage, query or \
      knowledge-base error. Output that the reader stops reading ends the program quietly.
      """
  )

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions
  @OptionGroup var output: OutputOptions

  @Argument(parsing: .allUnrecognized, help: "The query.")
  var words: [String] = []

  func run() throws {
    let text = try queryText(words, missing: "expected a query (use '*' for every entry)")
    let request = QueryRequest(
      kind: .query, query: text, format: output.format, color: output.color)
    let paths = try knowledgeBase.locate()
    if try knowledgeBase.answeredByServer(request, paths: paths) { return }
    try knowledgeBase.session(format: output.format, paths: paths)
      .runOnce(.query(text), presenter: output.presenter)
  }
}
