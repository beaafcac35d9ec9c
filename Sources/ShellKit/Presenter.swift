import Rendering
import TerminalText

/// Renders what a command produced: content into a sink of bytes or text, notices into lines for
/// standard error. The one place where an outcome becomes text, for every input source.
public struct Presenter: Sendable {
  /// How standard output is drawn (width, colour, whether it is a terminal).
  public var options: RenderOptions

  public init(options: RenderOptions) {
    self.options = options
  }

  /// The content as shown on standard output.
  public func render(_ content: Outcome.Content, into out: inout some RenderSink) {
    render(content, options: options, into: &out)
  }

  /// The content for another program (`QUERY ! COMMAND`): never a terminal table, never colour.
  public func renderForProgram(_ content: Outcome.Content, into out: inout some RenderSink) {
    var content = content
    if case .tables(let tables, .table) = content { content = .tables(tables, .tsv) }
    render(content, options: RenderOptions(width: options.width), into: &out)
  }

  func render(
    _ content: Outcome.Content, options: RenderOptions, into out: inout some RenderSink
  ) {
    switch content {
    case .none:
      break
    case .text(let text):
      out.write(text)
    case .tables(let tables, let format):
      for (i, table) in tables.enumerated() {
        // Tables made for reading are kept apart by a blank line; data formats run on.
        if i > 0, format == .table || format == .markdown { out.write("\n") }
        Renderer.render(table, as: format, options: options, into: &out)
      }
    case .entries(let views, let style):
      let texts = views.map { EntryViewRenderer.render($0, as: style, options: options) }
      switch style {
      case .json where texts.count > 1:
        out.write("[\n" + texts.map { $0.droppingFinalNewline }.joined(separator: ",\n") + "\n]\n")
      case .markdown:
        out.write(texts.joined(separator: "\n---\n\n"))
      default:
        out.write(texts.joined(separator: "\n"))
      }
    }
  }

  /// A notice as lines for standard error, each notice's first line after `prefix`
  /// (`stdin:3: ` in a batch run), anything untrusted made visible.
  public func render(_ notice: Notice, prefix: String = "") -> String {
    prefix + Escaping.visibleKeepingLines(notice.rendered) + "\n"
  }
}

extension String {
  fileprivate var droppingFinalNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
