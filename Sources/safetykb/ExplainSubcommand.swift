import ArgumentParser
import Console

/// `safetykb explain QUERY…`.
struct ExplainSubcommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Explain how a query is read and how many entries each part matches."
  )

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions

  @Argument(parsing: .allUnrecognized, help: "The query.")
  var words: [String] = []

  func run() throws {
    let text = try queryText(words, missing: "expected a query to explain")
    let paths = try knowledgeBase.locate()
    let request = QueryRequest(kind: .explain, query: text)
    if try knowledgeBase.answeredByServer(request, paths: paths) { return }
    try knowledgeBase.session(paths: paths).runOnce(.explain(text), presenter: .standard())
  }
}
