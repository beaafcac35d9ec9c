/// Where a saved search comes from: the user's own store, or the knowledge base's shared one.
public enum SearchOrigin: String, Sendable, Equatable, CustomStringConvertible {
  case personal
  case shared

  public var description: String { rawValue }
}
