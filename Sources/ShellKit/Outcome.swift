import QueryEngine
import Rendering

/// What executing one command produced, as values: the presenter renders it, the loop delivers
/// it. Nothing here is rendered text, except help and short confirmations, which are text.
public struct Outcome: Sendable {
  public enum Content: Sendable {
    case none
    /// Result tables in one format (a query's result, `.vocab`'s sections, `.searches`).
    case tables([ResultTable], Format)
    /// Whole entries, for `show`.
    case entries([EntryView], EntryViewRenderer.Style)
    /// Text for standard output: help, an explanation, a confirmation.
    case text(String)
  }

  public enum Status: Sendable, Equatable {
    case ok
    /// A query that matched no entry (a one-shot query exits 1).
    case foundNothing
    /// Something failed (a one-shot command, or a batch run, exits 2).
    case failed
    /// A file was written but has problems (a one-shot command exits 1, as `check` does).
    case problems
  }

  public var content: Content = .none
  /// Errors, warnings and notes, in order.
  public var notices: [Notice] = []
  public var status: Status = .ok
  /// Feed the content, rendered for a program, to this `/bin/sh -c` command.
  public var pipeTo: String?
  /// Run this `/bin/sh -c` command, sharing the terminal.
  public var system: String?
  /// Ask this question, then call `Session.answer(_:)` with the reply (nil when nobody can
  /// answer). The content and notices are shown first.
  public var question: String?
  /// Run this `/bin/sh -c` command (an editor) sharing the terminal, then call
  /// `Session.edited(succeeded:)`. The content and notices are shown first.
  public var editor: String?
  /// Leave the shell.
  public var quit = false

  public init(_ content: Content = .none, notices: [Notice] = [], status: Status = .ok) {
    self.content = content
    self.notices = notices
    self.status = status
  }

  static func failure(_ notice: Notice) -> Outcome {
    Outcome(notices: [notice], status: .failed)
  }

  static func text(_ text: String) -> Outcome { Outcome(.text(text)) }

  mutating func fail(_ notice: Notice) {
    notices.append(notice)
    status = .failed
  }
}

/// A message for standard error, kept as data: its severity, its words, and, for a query, the
/// text and the range the message is about (rendered with a caret under it).
public struct Notice: Error, Sendable, Equatable {
  public enum Severity: String, Sendable {
    case error, warning
    /// Advice or a remark in passing, shown without a label: `did you mean …?`,
    /// `(reloaded 2 changed entries)`.
    case note
  }

  public var severity: Severity
  public var message: String
  public var query: String?
  public var range: Range<Int>?

  public init(
    _ severity: Severity, _ message: String, query: String? = nil, range: Range<Int>? = nil
  ) {
    self.severity = severity
    self.message = message
    self.query = query
    self.range = range
  }

  public static func error(_ message: String) -> Notice { Notice(.error, message) }
  public static func warning(_ message: String) -> Notice { Notice(.warning, message) }
  public static func note(_ message: String) -> Notice { Notice(.note, message) }

  init(_ error: QueryError) {
    self.init(.error, error.message, query: error.text, range: error.range)
  }

  init(_ warning: QueryWarning, in query: String) {
    self.init(.warning, warning.message, query: query, range: warning.range)
  }

  /// `error: message`, with the query and a caret under the range when there is one.
  public var rendered: String {
    if severity == .note { return message }
    guard let query, let range else { return "\(severity.rawValue): \(message)" }
    return Caret.render(label: severity.rawValue, message: message, text: query, range: range)
  }
}
