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
    if try knowledgeBase.answeredByServer(QueryRequest(kind: .explain, query: text)) { return }
    try knowledgeBase.session().runOnce(.explain(text), presenter: .standard())
  }
}
