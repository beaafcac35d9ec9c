/// A problem found while reading a store file, at a place in it. Rendered as
/// `path:line:column: error: message`.
public struct StoreProblem: Error, Sendable, Equatable, CustomStringConvertible {
  public var path: String
  public var line: Int
  public var column: Int
  public var message: String
  /// True when the whole file could not be read (as opposed to one search in it being skipped).
  /// A store with such a problem is never written.
  public var isFatal: Bool

  public init(path: String, line: Int, column: Int, message: String, isFatal: Bool) {
    self.path = path
    self.line = line
    self.column = column
    self.message = message
    self.isFatal = isFatal
  }

  public var description: String { "\(path):\(line):\(column): error: \(message)" }
}
