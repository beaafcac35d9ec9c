import ArgumentParser
import ShellKit

/// `safetykb edit ID`: an entry's file in the editor, checked when the editor exits.
struct EditSubcommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "edit",
    abstract: "Edit an entry in $VISUAL, else $EDITOR, else vi, then check it.",
    discussion: """
      The editor opens a copy of the entry's file; when it exits, the copy is checked. On a \
      terminal, offers to edit again, keep or discard it; otherwise keeps it and prints its \
      problems as path:line:column. The file is replaced whole, and not at all if someone \
      changed it meanwhile.

      Exit status: 0 saved without problems (or unchanged), 1 saved with problems, 2 not saved.
      """
  )

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions

  @Argument(help: "The entry's id.")
  var id: String

  func run() throws {
    try knowledgeBase.session(searching: false).runOnce(
      .edit(id), presenter: .standard(), asking: Context.canAsk)
  }
}
