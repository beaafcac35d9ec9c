import SystemIO

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A failed system call, described for the user (`could not write: no space left on device`).
struct SystemError: Error, Sendable, Equatable {
  var message: String

  /// The current `errno`, described after `what`.
  static func current(_ what: String) -> SystemError {
    SystemError(message: "\(what): \(String(cString: strerror(errno)).lowercased())")
  }

  init(message: String) {
    self.message = message
  }

  /// A file operation that failed (its path is named by the caller's message).
  init(_ error: FileError) {
    message = "could not \(error.operation): \(error.why)"
  }
}
