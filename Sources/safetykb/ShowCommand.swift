import ArgumentParser
import KnowledgeModel
import QueryEngine
import Rendering
import ShellKit

extension EntryViewRenderer.Style: ExpressibleByArgument {}

/// `safetykb show ID…`: whole entries.
struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Show whole entries: metadata, body, sources and related entries.",
    discussion: "An unknown id is an error (exit 2) that suggests the nearest ids."
  )

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions
  @OptionGroup var colorOptions: ColorOptions

  @Option(help: "text (for reading), markdown or json.")
  var format: EntryViewRenderer.Style = .text

  @ArgumentParser.Argument(help: "Entry ids.")
  var ids: [String]

  func validate() throws {
    if ids.isEmpty { throw ValidationError("expected at least one entry id") }
  }

  func run() throws {
    let kb = try knowledgeBase.load()
    let presenter = EntryPresenter(kb: kb)
    let searcher = Searcher(kb)
    let options = colorOptions.renderOptions()
    var views: [EntryView] = []
    for id in ids {
      guard let entry = presenter.entry(id: id) else { throw Failure(presenter.unknownID(id)) }
      views.append(presenter.view(entry, similar: searcher.mostSimilar(to: entry.id)))
    }
    let texts = views.map { EntryViewRenderer.render($0, as: format, options: options) }
    if format == .json, texts.count > 1 {
      Output.standard.write(
        "[\n" + texts.map { $0.trimmingTrailingNewline() }.joined(separator: ",\n") + "\n]\n")
    } else {
      Output.standard.write(texts.joined(separator: format == .markdown ? "\n---\n\n" : "\n"))
    }
  }
}

extension String {
  func trimmingTrailingNewline() -> String {
    hasSuffix("\n") ? String(dropLast()) : self
  }
}
