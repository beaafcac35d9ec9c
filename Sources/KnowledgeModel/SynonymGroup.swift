/// One group of the vocabulary's thesaurus (`synonyms:`): words or phrases that full text treats
/// as the same thing (`[root cause analysis, RCA, RCA2]`).
public struct SynonymGroup: Hashable, Sendable {
  /// The members as written.
  public var members: [String]
  /// Where each member was written.
  public var locations: [SourceLocation]
  /// Where the group was written.
  public var location: SourceLocation

  public init(
    members: [String], locations: [SourceLocation] = [],
    location: SourceLocation = SourceLocation(path: "")
  ) {
    self.members = members
    self.locations =
      locations.count == members.count ? locations : members.map { _ in location }
    self.location = location
  }

  /// A member as compared with others: lower case, spaces collapsed.
  public static func key(_ member: String) -> String {
    member.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }
}

extension Vocabulary {
  /// Members of the thesaurus that begin with `prefix` (any case), for completion; a member of
  /// several words comes quoted, as it would be typed (`"social worker"`).
  public func synonymCompletions(prefix: String) -> [String] {
    let typed = prefix.hasPrefix("\"") ? String(prefix.dropFirst()) : prefix
    var out: [String] = []
    for group in synonyms {
      for member in group.members where member.lowercased().hasPrefix(typed.lowercased()) {
        let shown = member.contains(" ") ? "\"" + member + "\"" : member
        if !out.contains(shown) { out.append(shown) }
      }
    }
    return out.sorted()
  }
}
