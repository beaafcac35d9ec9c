/// The controlled facets of an entry: values the vocabulary defines.
public enum Facet: String, CaseIterable, Sendable, Hashable {
  case kind = "kinds"
  case tag = "tags"
  case office = "offices"
  case outcome = "outcomes"

  /// The singular name used in messages and as a query field (`tag`, `office`).
  public var singular: String {
    switch self {
    case .kind: return "kind"
    case .tag: return "tag"
    case .office: return "office"
    case .outcome: return "outcome"
    }
  }

  /// Whether values may be `/`-separated paths.
  public var isHierarchical: Bool { self != .kind }

  /// The entry's values for this facet.
  public func values(of entry: Entry) -> [String] {
    switch self {
    case .kind: return entry.kind.map { [$0] } ?? []
    case .tag: return entry.tags
    case .office: return entry.offices
    case .outcome: return entry.outcomes
    }
  }
}
