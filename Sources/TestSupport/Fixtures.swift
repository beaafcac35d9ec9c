/// Small knowledge-base texts shared by tests.
public enum Fixtures {
  /// A vocabulary with three kinds, a few tags with aliases and an office hierarchy.
  public static let vocabulary = """
    name: Fixture KB
    kinds:
      principle: {label: Principle, description: A belief that guides practice.}
      practice: {label: Practice, description: Something people do.}
      lesson: {label: Lesson, description: Something learned.}
    tags:
      safety-culture: {label: Safety culture, description: Shared values about safety., aliases: [culture]}
      supervision: {label: Supervision, description: Supervising staff.}
    offices:
      la-dcfs: {label: LA DCFS, description: The department., aliases: [dcfs]}
      la-dcfs/regional: {label: Regional offices, description: The regional offices.}
      la-dcfs/regional/lancaster: {label: Lancaster, description: The Lancaster office.}
    outcomes:
      child-welfare: {label: Child welfare, description: Child-welfare outcomes.}
      child-welfare/safety: {label: Safety, description: Children are safe.}

    """

  /// A well-formed entry file with the given id, title and tags.
  public static func entry(
    id: String? = nil, title: String, kind: String = "lesson", tags: [String] = ["supervision"],
    offices: [String] = ["la-dcfs/regional/lancaster"],
    outcomes: [String] = ["child-welfare/safety"],
    date: String = "2022-10-20", extra: String = "", body: String = "A body of text."
  ) -> String {
    var lines = ["---"]
    if let id { lines.append("id: \(id)") }
    lines += [
      "title: \(title)", "kind: \(kind)", "tags: [\(tags.joined(separator: ", "))]",
      "offices: [\(offices.joined(separator: ", "))]",
      "outcomes: [\(outcomes.joined(separator: ", "))]", "date: \(date)",
      "sources:", "  - title: A source", "    url: https://example.org/a",
    ]
    if !extra.isEmpty { lines.append(extra) }
    lines += ["---", body, ""]
    return lines.joined(separator: "\n")
  }
}
