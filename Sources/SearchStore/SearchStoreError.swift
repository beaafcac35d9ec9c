/// Everything the store can refuse, as data. `description` is the message for the user: lower
/// case, user text in single quotes.
public enum SearchStoreError: Error, Sendable, Equatable, CustomStringConvertible {
  case invalidName(String)
  case reservedName(String)
  case emptyQuery(name: String)
  case shellPipe(name: String)
  /// The caller's validation (parse, references, cycles) refused the query.
  case invalidQuery(name: String, message: String)
  case alreadyExists(name: String)
  /// Saving would hide a shared search of the same name.
  case wouldShadowShared(name: String)
  case notFound(name: String, suggestion: String?)
  case sharedIsReadOnly(name: String)
  /// The store file exists but cannot be parsed; it is left alone.
  case unreadable(StoreAction, StoreProblem)
  /// Reading, locking or writing failed at the system level; the previous file is intact.
  case ioFailed(StoreAction, path: String, message: String)

  public var description: String {
    switch self {
    case .invalidName(let name):
      return "'\(name)' is not a valid name for a saved search; use lower-case letters and digits"
        + " joined by single hyphens, e.g. 'lancaster-lessons'"
    case .reservedName(let name):
      return "'\(name)' is reserved and cannot be the name of a saved search"
    case .emptyQuery(let name):
      return "cannot save '\(name)': the query is empty"
    case .shellPipe(let name):
      return "cannot save '\(name)': a saved search cannot run a command ('!' outside quotes)"
    case .invalidQuery(let name, let message):
      return "cannot save '\(name)': \(message)"
    case .alreadyExists(let name):
      return "a saved search named '\(name)' already exists; use --force to replace it"
    case .wouldShadowShared(let name):
      return "a shared saved search named '\(name)' exists; use --force to shadow it with your own"
    case .notFound(let name, let suggestion):
      let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
      return "no saved search named '\(name)'\(hint)"
    case .sharedIsReadOnly(let name):
      return "cannot delete '\(name)': it is a shared saved search and is read-only"
    case .unreadable(let action, let problem):
      return "cannot \(action.rawValue): '\(problem.path)' could not be read (line \(problem.line),"
        + " column \(problem.column): \(problem.message)); fix or move it first"
    case .ioFailed(let action, let path, let message):
      return "cannot \(action.rawValue): '\(path)': \(message); the previous file is unchanged"
    }
  }
}
