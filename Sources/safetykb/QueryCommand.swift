import ArgumentParser
import Foundation
import KnowledgeModel
import QueryEngine
import Rendering
import SearchStore
import ShellKit
import TerminalText

/// `safetykb query QUERY…`: one query, results on standard output, exit status like grep's.
struct QueryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "query",
    abstract: "Run one query and print its results.",
    discussion: """
      The words are joined by spaces into one query (quote them for your shell, or put them \
      after --). See docs/query-language.md, or `.help query` in the shell.

      Exit status: 0 when at least one entry matched, 1 when none did, 2 on a usage, query or \
      knowledge-base error. Output that the reader stops reading ends the program quietly.
      """
  )

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions
  @OptionGroup var output: QueryOutputOptions

  @ArgumentParser.Argument(parsing: .allUnrecognized, help: "The query.")
  var words: [String] = []

  func run() throws {
    let text = words.filter { $0 != "--" }.joined(separator: " ")
    if text.trimmingCharacters(in: .whitespaces).isEmpty {
      throw Failure("expected a query (use '*' for every entry)")
    }
    let prefetch = knowledgeBase.indexPrefetch()
    let kb = try knowledgeBase.load()
    try output.runQuery(text, kb: kb, kbPath: knowledgeBase.resolvedPath, prefetch: prefetch)
  }
}

/// `--format` and `--color`, and running one query with them.
struct QueryOutputOptions: ParsableArguments {
  @Option(
    help:
      "table, tsv, csv, json, jsonl, ids or markdown (default: table on a terminal, tsv otherwise)."
  )
  var format: Format?

  @OptionGroup var colorOptions: ColorOptions

  func runQuery(_ text: String, kb: KnowledgeBase, kbPath: String, prefetch: IndexPrefetch? = nil)
    throws
  {
    let runner = QueryRunner(
      searcher: Searcher(kb, prefetched: prefetch), searches: Stores.searches(kbPath: kbPath))
    KeptUntilExit.keep(runner)
    let options = colorOptions.renderOptions()
    do {
      let chosen = format ?? (options.terminal ? .table : .tsv)
      let outcome = try runner.run(text, snippets: chosen == .table)
      KeptUntilExit.keep(outcome)
      for warning in outcome.warnings {
        Output.error.write(Escaping.visibleKeepingLines(warning) + "\n")
      }
      // Rendered as bytes first: the fast path for large results, written out in one piece.
      var bytes = ByteSink()
      Renderer.render(outcome.table, as: chosen, options: options, into: &bytes)
      bytes.withBytes { Output.standard.write(utf8: $0) }
      if !outcome.result.found {
        if let suggestion = runner.suggestion(for: text) {
          Output.error.write(suggestion.description + "\n")
        }
        throw Exit(status: 1)
      }
    } catch let error as QueryError {
      Output.error.write(error.rendered + "\n")
      throw Exit(status: 2)
    }
  }
}

/// `safetykb explain QUERY…`.
struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Explain how a query is read and how many entries each part matches."
  )

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions

  @ArgumentParser.Argument(parsing: .allUnrecognized, help: "The query.")
  var words: [String] = []

  func run() throws {
    let text = words.filter { $0 != "--" }.joined(separator: " ")
    if text.trimmingCharacters(in: .whitespaces).isEmpty {
      throw Failure("expected a query to explain")
    }
    let kb = try knowledgeBase.load()
    let runner = QueryRunner(
      searcher: Searcher(kb), searches: Stores.searches(kbPath: knowledgeBase.resolvedPath))
    let explanation: String
    do {
      explanation = try runner.explain(text)
    } catch {
      Output.error.write(error.rendered + "\n")
      throw Exit(status: 2)
    }
    Output.standard.write(Escaping.visibleKeepingLines(explanation) + "\n")
  }
}

/// Where the saved-search stores are.
enum Stores {
  static func searches(kbPath: String) -> SavedSearches {
    SavedSearches(
      personalPath: StorePaths.personal(environment: ProcessInfo.processInfo.environment),
      sharedPath: SharedStore(knowledgeBase: kbPath).path)
  }
}
