/// Rules for the names of saved searches.
public enum SearchName {
  /// Names the program keeps for itself (`last` is the most recent query).
  public static let reserved: Set<String> = ["last"]

  /// True when `name` is a slug: lower-case letters and digits in groups joined by single hyphens.
  public static func isSlug(_ name: String) -> Bool {
    guard !name.isEmpty else { return false }
    var previousWasHyphen = true  // a leading hyphen is refused
    for scalar in name.unicodeScalars {
      switch scalar {
      case "a"..."z", "0"..."9":
        previousWasHyphen = false
      case "-":
        if previousWasHyphen { return false }
        previousWasHyphen = true
      default:
        return false
      }
    }
    return !previousWasHyphen
  }

  /// The error for a name that cannot be saved, or nil when it can.
  static func problem(_ name: String) -> SearchStoreError? {
    if !isSlug(name) { return .invalidName(name) }
    if reserved.contains(name) { return .reservedName(name) }
    return nil
  }
}
