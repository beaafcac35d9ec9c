import ArgumentParser
import ShellKit

/// `safetykb tag [--dry-run] CHANGE… -- QUERY`: adds and removes list values in the front matter
/// of every entry a query finds (notmuch's `tag` is the model).
struct TagSubcommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tag",
    abstract: "Add or remove tags, offices, outcomes or related ids in the entries a query finds.",
    discussion: """
      CHANGE is +VALUE or -VALUE for tags, and +office:VALUE, -outcome:VALUE, +related:ID for \
      the other lists. Values must be in the vocabulary (aliases are written as their value). \
      Only the changed key's lines are rewritten; every other byte of each file stays as it \
      was, and each file is replaced whole. A file that changed since it was read is left \
      alone. On a terminal, asks before changing more files than fit on the screen.

      Example: safetykb tag +just-culture -office:npcs -- 'kind:lesson office:lancaster'

      Exit status: 0 done, 1 the query found nothing, 2 a usage or query error or a file that \
      could not be changed.
      """
  )

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions

  @Flag(help: "Print the changes as a unified diff and write nothing.")
  var dryRun = false

  @Argument(
    parsing: .allUnrecognized,
    help: ArgumentHelp("The changes, then -- and the query.", valueName: "change… -- query"))
  var words: [String] = []

  func run() throws {
    guard let dashes = words.firstIndex(of: "--") else {
      throw failure("expected the changes, then '--' and a query: safetykb tag +x -- QUERY")
    }
    let changes = Array(words[..<dashes])
    if changes.isEmpty { throw failure("expected a change such as '+tag' or '-office:x'") }
    let query = try queryText(Array(words[(dashes + 1)...]), missing: "expected a query after '--'")
    try knowledgeBase.session().runOnce(
      .tag(changes: changes, query: query, dryRun: dryRun), presenter: .standard(),
      asking: Context.canAsk)
  }
}
