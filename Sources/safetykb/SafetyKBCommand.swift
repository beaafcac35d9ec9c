import ArgumentParser

/// `safetykb`: the shell when run with no subcommand, and one-shot commands for scripts.
struct SafetyKBCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "safetykb",
    abstract:
      "A line-edited shell over a knowledge base of child-welfare safety-science practices, principles and lessons.",
    discussion: """
      With no subcommand on a terminal, starts the interactive shell. When standard input is not \
      a terminal, reads one query or command a line.

      The knowledge base is the folder given by --kb, else $SAFETYKB_KB, else ./knowledge when it \
      has a vocabulary.yaml, else the bundled one.

      Exit status: 0 success (a query found something), 1 a query found nothing or `check` found \
      errors, 2 a usage, query or knowledge-base error.
      """,
    version: "0.2.0",
    subcommands: [
      ShellSubcommand.self, QuerySubcommand.self, ShowSubcommand.self, ExplainSubcommand.self,
      VocabSubcommand.self, SearchesSubcommand.self, CheckSubcommand.self, TagSubcommand.self,
      NewSubcommand.self, EditSubcommand.self,
    ],
    defaultSubcommand: ShellSubcommand.self
  )
}
