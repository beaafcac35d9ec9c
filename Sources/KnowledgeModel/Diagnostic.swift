/// A place in a file: 1-based line and column (columns count Unicode scalars, as libyaml does).
public struct SourceLocation: Hashable, Sendable, Comparable {
  public var path: String
  public var line: Int
  public var column: Int

  public init(path: String, line: Int = 1, column: Int = 1) {
    self.path = path
    self.line = line
    self.column = column
  }

  public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
    (a.path, a.line, a.column) < (b.path, b.line, b.column)
  }
}

/// One problem found while loading or checking a knowledge base. Errors are data; wording for
/// the terminal is `description`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
  public enum Severity: String, Sendable, Hashable {
    case error
    case warning
  }

  public var severity: Severity
  public var location: SourceLocation
  public var message: String

  public init(_ severity: Severity, _ location: SourceLocation, _ message: String) {
    self.severity = severity
    self.location = location
    self.message = message
  }

  public static func error(_ location: SourceLocation, _ message: String) -> Diagnostic {
    Diagnostic(.error, location, message)
  }

  public static func warning(_ location: SourceLocation, _ message: String) -> Diagnostic {
    Diagnostic(.warning, location, message)
  }

  /// `path:line:column: error: message`
  public var description: String {
    "\(location.path):\(location.line):\(location.column): \(severity.rawValue): \(message)"
  }
}
