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

      The knowledge base is the folder given by --kb (repeat it to search several together), else \
      the folders in $SAFETYKB_KB (separated by ':'), else those named under knowledge-bases: in \
      $XDG_CONFIG_HOME/safetykb/config.yaml (~/.config/safetykb/config.yaml), else ./knowledge \
      when it has a vocabulary.yaml, else the bundled one.

      Curating: tag adds and removes list values in the entries a query finds; new and edit \
      write an entry in $VISUAL, else $EDITOR, else vi, and check it.

      Exit status: 0 success (a query found something), 1 a query found nothing or `check` found \
      errors, 2 a usage, query or knowledge-base error.
      """,
    version: "0.2.0",
    subcommands: [
      ShellSubcommand.self, QuerySubcommand.self, ShowSubcommand.self, ExplainSubcommand.self,
      VocabSubcommand.self, SearchesSubcommand.self, CheckSubcommand.self, BriefSubcommand.self,
      TagSubcommand.self, NewSubcommand.self, EditSubcommand.self, DaemonSubcommand.self,
      WatchDaemonSubcommand.self, CompactIndexSubcommand.self,
    ],
    defaultSubcommand: ShellSubcommand.self
  )
}
