import ArgumentParser
import ShellKit

/// `safetykb searches list|show|save|delete|run`: the shell's saved-search commands.
struct SearchesSubcommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "searches",
    abstract: "List, show, save, delete and run saved searches.",
    discussion: """
      Personal searches live in $SAFETYKB_SEARCHES, else $XDG_CONFIG_HOME/safetykb/searches.yaml, \
      else ~/.config/safetykb/searches.yaml. A knowledge base may ship shared searches in its \
      searches.yaml; a personal search of the same name shadows the shared one.
      """,
    subcommands: [List.self, Show.self, Save.self, Delete.self, Run.self],
    defaultSubcommand: List.self
  )

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List saved searches with their origin and how many entries each matches now.")
    @OptionGroup var knowledgeBase: KnowledgeBaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      try knowledgeBase.session(format: output.format)
        .runOnce(.searches, presenter: output.presenter)
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show one saved search.")
    @OptionGroup var knowledgeBase: KnowledgeBaseOptions
    @Argument(help: "The search's name.") var name: String

    func run() throws {
      try knowledgeBase.session(searching: false).runOnce(.search(name), presenter: .standard())
    }
  }

  struct Save: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Save a search. It must parse, its references must exist, and it may not run a command.")
    @OptionGroup var knowledgeBase: KnowledgeBaseOptions
    @Option(help: "A one-line description.") var description: String?
    @Flag(help: "Replace an existing search of that name.") var force = false
    @Argument(help: "The search's name: lower-case words joined by hyphens.") var name: String
    @Argument(parsing: .allUnrecognized, help: "The query; $1 … $9 stand for arguments.")
    var words: [String] = []

    func run() throws {
      let query = words.filter { $0 != "--" }.joined(separator: " ")
      let command = Command.save(name: name, query: query, description: description, force: force)
      try knowledgeBase.session().runOnce(command, presenter: .standard())
    }
  }

  struct Delete: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Delete a personal saved search.")
    @OptionGroup var knowledgeBase: KnowledgeBaseOptions
    @Argument(help: "The search's name.") var name: String

    func run() throws {
      try knowledgeBase.session(searching: false).runOnce(.delete(name), presenter: .standard())
    }
  }

  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run a saved search with its arguments; exits like `query`.")
    @OptionGroup var knowledgeBase: KnowledgeBaseOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The search's name.") var name: String
    @Argument(help: "Arguments for $1 … $9, each one value.") var arguments: [String] = []

    func run() throws {
      try knowledgeBase.session(format: output.format)
        .runOnce(.runSaved(name, arguments: arguments), presenter: output.presenter)
    }
  }
}
