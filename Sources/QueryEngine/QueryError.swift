/// A problem with a query. Errors are data: what is wrong (a `QueryProblem` case), the place in
/// the text, and the text itself, so that one renderer (`rendered`) can point at the place.
public struct QueryError: Error, Hashable, Sendable, CustomStringConvertible {
  public enum Kind: String, Hashable, Sendable {
    case syntax
    case tooLong
    case tooDeep
    case unknownField
    case badValue
    case unknownSavedSearch
    case savedSearchCycle
    case missingArgument
    case badStage
  }

  public var problem: QueryProblem
  /// Where in `text` the problem is, in `Character` offsets.
  public var range: Range<Int>
  /// The query text the range refers to.
  public var text: String

  public init(_ problem: QueryProblem, at range: Range<Int>, in text: String = "") {
    self.problem = problem
    self.range = range
    self.text = text
  }

  public var kind: Kind { problem.kind }
  /// The message, lower case, without the `error: ` prefix.
  public var message: String { problem.message }

  /// The error with the query text it refers to filled in.
  func with(text: String) -> QueryError {
    var copy = self
    copy.text = text
    return copy
  }

  /// `error: message` alone.
  public var description: String { "error: " + message }
}

/// Something worth knowing about a query that still ran, such as a value no entry has.
public struct QueryWarning: Hashable, Sendable, CustomStringConvertible {
  /// What is worth knowing, as data; worded in `QueryProblem+Wording.swift`.
  public enum Reason: Hashable, Sendable {
    case unknownValue(field: String, value: String, nearest: [String])
    case noGlobMatch(field: String, pattern: String)
    case noLetters(String)
    case prefixPart(used: String, written: String)
    case respelled(String, as: String)
  }

  public var reason: Reason
  public var range: Range<Int>

  public init(_ reason: Reason, at range: Range<Int>) {
    self.reason = reason
    self.range = range
  }

  public var message: String { reason.message }
  public var description: String { "warning: " + message }
}
