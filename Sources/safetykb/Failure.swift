import ArgumentParser

/// An error the program reports in one line (`error: …`) before exiting with status 2.
struct Failure: Error, CustomStringConvertible {
  var message: String
  var status: Int32

  init(_ message: String, status: Int32 = 2) {
    self.message = message
    self.status = status
  }

  var description: String { message }
}

/// Ends the program with a status (and no message), for commands whose output already said it all.
struct Exit: Error {
  var status: Int32
}

/// Large structures the program keeps until it exits. A one-shot command ends as soon as it has
/// written its answer; freeing a big knowledge base and its index first would only add time (a
/// tenth of a warm start at 10,000 entries), so they are parked here and the process exits
/// without tearing them down.
enum KeptUntilExit {
  nonisolated(unsafe) private static var values: [Any] = []

  static func keep(_ value: Any) {
    values.append(value)
  }
}
