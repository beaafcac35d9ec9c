import KnowledgeModel

/// Rules for the names of saved searches.
public enum SearchName {
  /// Names the program keeps for itself (`last` is the most recent query).
  public static let reserved: Set<String> = ["last"]

  /// The error for a name that cannot be saved, or nil when it can.
  static func problem(_ name: String) -> SearchStoreError? {
    // The knowledge base's one slug rule: lower-case letters and digits joined by single hyphens.
    if !Slug.isValid(name) { return .invalidName(name) }
    if reserved.contains(name) { return .reservedName(name) }
    return nil
  }
}
