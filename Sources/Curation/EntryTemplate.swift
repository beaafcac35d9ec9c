import Foundation
import KnowledgeModel

/// What `new` writes before the editor opens: the front matter with every field, comments on
/// the values the vocabulary allows, and the body's section headings for the kind.
public enum EntryTemplate {
  /// Section headings by kind when the vocabulary gives none.
  public static let defaultSections: [String: [String]] = [
    "lesson": ["What happened", "What was learned", "What to do", "Evidence and limits"],
    "practice": ["What it is", "How it is done", "Evidence", "Where it is used"],
    "principle": ["What it says", "Why it matters", "In practice"],
  ]

  /// The kinds a knowledge base allows: its vocabulary's, else the three built in.
  public static func kinds(_ vocabulary: Vocabulary?) -> [String] {
    let named = vocabulary?.terms[.kind]?.map(\.value) ?? []
    return named.isEmpty ? ["principle", "practice", "lesson"] : named
  }

  /// The id a title gives: lower-case ASCII letters and digits, diacritics dropped, every other
  /// run of characters one hyphen, at most 60 characters (cut at a hyphen).
  public static func slug(_ title: String) -> String {
    let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    var out = ""
    for scalar in folded.lowercased().unicodeScalars {
      if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
        out.unicodeScalars.append(scalar)
      } else if !out.isEmpty, out.last != "-" {
        out.append("-")
      }
    }
    while out.hasSuffix("-") { out.removeLast() }
    if out.count > 60 {
      out = String(out.prefix(61))
      if let cut = out.lastIndex(of: "-") { out = String(out[..<cut]) } else { out.removeLast() }
    }
    return out
  }

  /// The template's text for a new entry.
  public static func text(kind: String, title: String, vocabulary: Vocabulary?) -> String {
    var lines = ["---", "title: " + YAMLLine.scalar(title), "kind: " + kind, "summary:"]
    for facet in [Facet.tag, .office, .outcome] {
      lines += hint(facet, vocabulary)
      lines.append(facet.rawValue + ": []")
    }
    lines += [
      "# date: YYYY, YYYY-MM or YYYY-MM-DD of the event, finding or publication",
      "date:",
      "# sources: each with a title and an http(s) url; date and accessed are optional",
      "sources:", "  - title:", "    url:",
      "# related: ids of other entries",
      "related: []", "---",
    ]
    let sections =
      vocabulary?.term(kind, in: .kind)?.sections.nonEmpty ?? defaultSections[kind] ?? []
    if sections.isEmpty { lines.append("") }
    for heading in sections { lines += ["## " + heading, ""] }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Comment lines naming a facet's allowed values, wrapped, at most six lines of them.
  static func hint(_ facet: Facet, _ vocabulary: Vocabulary?) -> [String] {
    let values = vocabulary?.terms[facet]?.map(\.value) ?? []
    guard !values.isEmpty else {
      return ["# \(facet.rawValue): slugs or /-paths of slugs"]
    }
    var lines = [
      "# \(facet.rawValue): one or more of these (`safetykb vocab \(facet.rawValue)` describes them):"
    ]
    var current = "#  "
    var shown = 0
    for value in values {
      if current.count + value.count + 2 > 96 {
        if lines.count == 5 { break }
        lines.append(current)
        current = "#  "
      }
      current += " " + value + ","
      shown += 1
    }
    current.removeLast()
    lines.append(current)
    if shown < values.count {
      lines.append("#   … and \(values.count - shown) more")
    }
    return lines
  }
}

extension Array {
  fileprivate var nonEmpty: Self? { isEmpty ? nil : self }
}
