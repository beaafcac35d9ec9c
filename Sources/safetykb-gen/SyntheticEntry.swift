/// One generated entry, as plain values.
struct SyntheticEntry {
  var number: Int
  var id: String
  var kind: String
  var title: String
  var summary: String
  var tags: [String]
  var offices: [String]
  var outcomes: [String]
  var date: String
  var industry: String
  var valence: String?
  var sources: [(title: String, url: String)]
  var related: [String]
  var body: String

  /// The file, relative to the knowledge base's root.
  var path: String { kind + "s/" + id + ".md" }

  /// The Markdown file with its front matter.
  var markdown: String {
    var out = "---\n"
    out += "id: \(id)\n"
    out += "title: \"\(title)\"\n"
    out += "kind: \(kind)\n"
    out += "summary: \"\(summary)\"\n"
    out += "tags: [\(tags.joined(separator: ", "))]\n"
    out += "offices: [\(offices.joined(separator: ", "))]\n"
    out += "outcomes: [\(outcomes.joined(separator: ", "))]\n"
    out += "date: \(date)\n"
    out += "industry: \(industry)\n"
    if let valence { out += "valence: \(valence)\n" }
    out += "sources:\n"
    for source in sources {
      out += "  - title: \"\(source.title)\"\n    url: \(source.url)\n"
    }
    if !related.isEmpty { out += "related: [\(related.joined(separator: ", "))]\n" }
    out += "---\n"
    out += body
    return out
  }
}
