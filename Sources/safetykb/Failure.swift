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
