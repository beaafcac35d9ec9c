import ArgumentParser
import KnowledgeModel
import Rendering
import ShellKit

extension Format: ExpressibleByArgument {}

/// `safetykb vocab [kinds|tags|offices|outcomes]`.
struct VocabCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vocab",
    abstract: "List the vocabulary: each value with its label and number of entries.",
    discussion: "Offices, tags and outcomes are paths; on a terminal they are drawn as a tree."
  )

  @OptionGroup var knowledgeBase: KnowledgeBaseOptions
  @OptionGroup var colorOptions: ColorOptions

  @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
  var format: Format?

  @ArgumentParser.Argument(help: "kinds, tags, offices or outcomes (default: all four).")
  var facet: String?

  func run() throws {
    var facets = Facet.allCases
    if let facet {
      guard let f = VocabularyReport.facet(named: facet) else {
        throw Failure(
          "unknown vocabulary section '\(facet)'; expected kinds, tags, offices or outcomes"
            + Suggestion.didYouMean(facet, in: Facet.allCases.map(\.rawValue)))
      }
      facets = [f]
    }
    let kb = try knowledgeBase.load()
    let options = colorOptions.renderOptions()
    let format = format ?? (options.terminal ? .table : .tsv)
    let report = VocabularyReport(kb: kb)
    for (i, f) in facets.enumerated() {
      if i > 0, format == .table { Output.standard.write("\n") }
      Renderer.render(
        report.table(f, tree: format == .table), as: format, options: options,
        into: &Output.standard.stream)
    }
  }
}
