import ArgumentParser
import Foundation
import KnowledgeModel
import QueryEngine
import Rendering
import SearchStore
import ShellKit
import TerminalText

/// `safetykb searches list|show|save|delete|run`.
struct SearchesCommand: ParsableCommand {
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
    @Option(help: "table, tsv, csv, json, jsonl, ids or markdown.") var format: Format?
    @OptionGroup var colorOptions: ColorOptions

    func run() throws {
      let kb = try knowledgeBase.load()
      let store = Stores.searches(kbPath: knowledgeBase.resolvedPath)
      let listing = SearchListing(
        runner: QueryRunner(searcher: Searcher(kb), searches: store), store: store)
      let (table, problems) = listing.table()
      for problem in problems { Output.error.write(problem + "\n") }
      let options = colorOptions.renderOptions()
      Renderer.render(
        table, as: format ?? (options.terminal ? .table : .tsv), options: options,
        into: &Output.standard.stream)
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show one saved search.")
    @OptionGroup var knowledgeBase: KnowledgeBaseOptions
    @ArgumentParser.Argument(help: "The search's name.") var name: String

    func run() throws {
      let store = Stores.searches(kbPath: knowledgeBase.resolvedPath)
      do {
        let listed = try store.resolve(name: name)
        var text = "name: \(listed.name)\norigin: \(listed.origin)\n"
        if let d = listed.search.description { text += "description: \(d)\n" }
        text += "query: \(listed.search.query)\n"
        if let c = listed.search.created { text += "created: \(Timestamps.format(c))\n" }
        if let u = listed.search.updated { text += "updated: \(Timestamps.format(u))\n" }
        Output.standard.write(Escaping.visibleKeepingLines(text))
      } catch {
        throw Failure(error.description)
      }
    }
  }

  struct Save: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Save a search. It must parse, its references must exist, and it may not run a command.")
    @OptionGroup var knowledgeBase: KnowledgeBaseOptions
    @Option(help: "A one-line description.") var description: String?
    @Flag(help: "Replace an existing search of that name.") var force = false
    @ArgumentParser.Argument(help: "The search's name: lower-case words joined by hyphens.")
    var name: String
    @ArgumentParser.Argument(
      parsing: .allUnrecognized, help: "The query; $1 … $9 stand for arguments.")
    var words: [String] = []

    func run() throws {
      let query = words.filter { $0 != "--" }.joined(separator: " ")
      let kb = try knowledgeBase.load()
      let store = Stores.searches(kbPath: knowledgeBase.resolvedPath)
      let searcher = Searcher(kb)
      let bridge = SavedSearchBridge(store)
      let outcome: SaveOutcome
      do {
        outcome = try store.save(
          name: name, query: query, description: description, force: force
        ) { text in
          do throws(QueryError) {
            try searcher.validateSavedSearch(name: name, query: text, savedSearches: bridge)
            return nil
          } catch {
            return error.renderedWithoutLabel
          }
        }
      } catch {
        throw Failure(error.description)
      }
      Output.standard.write(outcome == .replaced ? "replaced @\(name)\n" : "saved @\(name)\n")
    }
  }

  struct Delete: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Delete a personal saved search.")
    @OptionGroup var knowledgeBase: KnowledgeBaseOptions
    @ArgumentParser.Argument(help: "The search's name.") var name: String

    func run() throws {
      do {
        try Stores.searches(kbPath: knowledgeBase.resolvedPath).delete(name: name)
        Output.standard.write("deleted @\(name)\n")
      } catch {
        throw Failure(error.description)
      }
    }
  }

  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run a saved search with its arguments; exits like `query`.")
    @OptionGroup var knowledgeBase: KnowledgeBaseOptions
    @OptionGroup var output: QueryOutputOptions
    @ArgumentParser.Argument(help: "The search's name.") var name: String
    @ArgumentParser.Argument(help: "Arguments for $1 … $9, each one value.") var arguments:
      [String] = []

    func run() throws {
      let prefetch = knowledgeBase.indexPrefetch()
      let kb = try knowledgeBase.load()
      let quoted = arguments.map {
        "\""
          + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
            of: "\"", with: "\\\"") + "\""
      }
      let text = "@" + name + (quoted.isEmpty ? "" : "(" + quoted.joined(separator: ", ") + ")")
      try output.runQuery(text, kb: kb, kbPath: knowledgeBase.resolvedPath, prefetch: prefetch)
    }
  }
}

enum Timestamps {
  static func format(_ date: Date) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    return f.string(from: date)
  }
}
