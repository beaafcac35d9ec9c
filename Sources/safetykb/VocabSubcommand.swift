import ArgumentParser
import Rendering

/// `safetykb vocab [kinds|tags|offices|outcomes]`.
struct VocabSubcommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vocab",
    abstract: "List the vocabulary: each value with its label and number of entries.",
    discussion: "Offices, tags and outcomes are paths; on a terminal they are drawn as a tree."
  )

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions
  @OptionGroup var output: OutputOptions

  @Argument(help: "kinds, tags, offices or outcomes (default: all four).")
  var section: String?

  func run() throws {
    try knowledgeBase.session(format: output.format, searching: false)
      .runOnce(.vocab(section), presenter: output.presenter)
  }
}
