import KnowledgeModel
import Rendering

/// `vocab`: the vocabulary's values with their labels and how many entries use each (an entry
/// below a path counts for the path too). Without a vocabulary, the values entries use.
public struct VocabularyReport: Sendable {
  public let kb: KnowledgeBase

  public init(kb: KnowledgeBase) {
    self.kb = kb
  }

  /// Facet names accepted by `vocab` (singular or plural).
  public static func facet(named name: String) -> Facet? {
    Facet.allCases.first { $0.rawValue == name.lowercased() || $0.singular == name.lowercased() }
  }

  /// The error for a section name that is none of them.
  static func unknownSection(_ name: String) -> Notice {
    .error(
      "unknown vocabulary section '\(name)'; expected tags, offices, outcomes or kinds"
        + Suggestion.didYouMean(name, in: Facet.allCases.map(\.rawValue)))
  }

  /// Entry counts per value, ancestors included.
  public func counts(_ facet: Facet) -> [String: Int] {
    var counts: [String: Int] = [:]
    for entry in kb.entries {
      var seen = Set<String>()
      for value in facet.values(of: entry) {
        let parts = value.split(separator: "/")
        for n in 1...max(1, parts.count) {
          let path = facet.isHierarchical ? parts.prefix(n).joined(separator: "/") : value
          if seen.insert(path).inserted { counts[path, default: 0] += 1 }
        }
      }
    }
    return counts
  }

  /// One facet as a table: value, label, entries, description. With `tree`, hierarchical values
  /// are shown indented under their parents (for a terminal); otherwise as whole paths.
  public func table(_ facet: Facet, tree: Bool) -> ResultTable {
    let counts = counts(facet)
    var terms = kb.vocabulary?.terms[facet] ?? []
    let defined = Set(terms.map(\.value))
    for value in counts.keys.sorted() where !defined.contains(value) {
      terms.append(Term(value: value, label: "", description: "(not in the vocabulary)"))
    }
    if facet.isHierarchical {
      terms.sort {
        $0.value.split(separator: "/").lexicographicallyPrecedes($1.value.split(separator: "/"))
      }
    }
    let rows: [[Cell]] = terms.map { term in
      let depth = term.value.split(separator: "/").count - 1
      let shown =
        tree && facet.isHierarchical
        ? String(repeating: "  ", count: depth)
          + (term.value.split(separator: "/").last.map(String.init) ?? term.value)
        : term.value
      var label = term.label
      if !term.aliases.isEmpty { label += " (also " + term.aliases.joined(separator: ", ") + ")" }
      return [
        .text(shown), .text(label), .integer(counts[term.value] ?? 0), .text(term.description),
      ]
    }
    return .rows(
      columns: [facet.singular, "label", "entries", "description"], rows: RowTable(rows))
  }
}
