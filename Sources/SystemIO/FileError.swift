import SystemPackage

/// A failed file operation: what was being done (a verb: `read`, `write`, `replace`), to which
/// path, and the system's reason. Rendered as `cannot read 'PATH': no such file or directory`.
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
  public var operation: String
  public var path: String
  public var errno: Errno?
  /// A reason of our own where the system gave none (`not a regular file`).
  public var reason: String?

  public init(_ operation: String, _ path: String, errno: Errno) {
    self.operation = operation
    self.path = path
    self.errno = errno
  }

  public init(_ operation: String, _ path: String, reason: String) {
    self.operation = operation
    self.path = path
    self.reason = reason
  }

  /// The reason alone, lower case: `no such file or directory`.
  public var why: String { reason ?? errno.map { $0.description.lowercased() } ?? "unknown error" }

  /// The system's words for an errno value, lower case: `permission denied`.
  public static func reason(_ code: Int32) -> String {
    Errno(rawValue: code).description.lowercased()
  }

  public var description: String { "cannot \(operation) '\(path)': \(why)" }
}
