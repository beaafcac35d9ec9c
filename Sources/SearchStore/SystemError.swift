#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A failed system call, described for the user (`could not write: No space left on device`).
struct SystemError: Error, Sendable, Equatable {
  var message: String

  /// The current `errno`, described after `what`.
  static func current(_ what: String) -> SystemError {
    let code = errno
    return SystemError(message: "\(what): \(String(cString: strerror(code)))")
  }
}
