import ArgumentParser
import ShellKit

/// `safetykb new KIND TITLE`: a new entry from the vocabulary's template, in the editor.
struct NewSubcommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "new",
    abstract: "Write a new entry: a template in the kind's folder, then the editor.",
    discussion: """
      Creates KIND's folder/ID.md in the (first) knowledge base, the id made from the title; an \
      id in use is refused. The template has every field, comments naming the allowed values \
      and the kind's section headings. Opens $VISUAL, else $EDITOR, else vi; when it exits, \
      checks the file. On a terminal, offers to edit again, keep or discard it; otherwise keeps \
      it and prints its problems as path:line:column. The file appears whole or not at all.

      Exit status: 0 written without problems, 1 written with problems, 2 not written.
      """
  )

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions

  @Flag(name: .customLong("no-edit"), help: "Only write the template, and print its path.")
  var noEdit = false

  @Argument(help: "principle, practice, lesson, or another kind of the vocabulary.")
  var kind: String

  @Argument(parsing: .remaining, help: "The title (the words are joined by spaces).")
  var title: [String] = []

  func validate() throws {
    if title.joined().allSatisfy(\.isWhitespace) { throw ValidationError("expected a title") }
  }

  func run() throws {
    try knowledgeBase.session(searching: false).runOnce(
      .new(kind: kind, title: title.joined(separator: " "), edit: !noEdit),
      presenter: .standard(), asking: Context.canAsk)
  }
}
