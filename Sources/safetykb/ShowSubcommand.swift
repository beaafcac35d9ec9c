import ArgumentParser
import Console
import Rendering

/// `safetykb show ID…`: whole entries.
struct ShowSubcommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Show whole entries: metadata, body, sources and related entries.",
    discussion: "An unknown id is an error (exit 2) that suggests the nearest ids."
  )

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions

  @Option(help: "text (for reading), markdown or json.")
  var format: EntryViewRenderer.Style = .text

  @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set or TERM=dumb), always, never.")
  var color: ColorChoice = .auto

  @Argument(help: "Entry ids.")
  var ids: [String]

  func validate() throws {
    if ids.isEmpty { throw ValidationError("expected at least one entry id") }
  }

  func run() throws {
    let request = QueryRequest(kind: .show, color: color, ids: ids, style: format)
    let paths = try knowledgeBase.locate()
    if try knowledgeBase.answeredByServer(request, paths: paths) { return }
    try knowledgeBase.session(paths: paths).runOnce(
      .show(ids, style: format), presenter: .standard(color: color))
  }
}
