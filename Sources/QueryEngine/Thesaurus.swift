import KnowledgeModel

/// The vocabulary's synonym groups and facet aliases, as full text sees them: each member folded,
/// respelt and stemmed like any query, so `RCA`, `rca` and `"Root cause analyses"` find their
/// group. Built once per searcher (a few hundred members at most).
struct Thesaurus: Sendable {
  /// One way of writing a group's idea.
  struct Member: Sendable, Hashable {
    /// As written in the vocabulary.
    var text: String
    /// Folded and stemmed words (several for a phrase).
    var stems: [String]
  }

  /// Members of each group.
  private(set) var groups: [[Member]] = []
  /// Stems joined by spaces → group.
  private var groupOf: [String: Int] = [:]
  /// Stems joined by spaces → the facet values with an alias that reads as those words (`hro` →
  /// tag `high-reliability`).
  private var facetValues: [String: [(Facet, String)]] = [:]

  init(_ vocabulary: Vocabulary?) {
    guard let vocabulary else { return }
    var folding = TextFolding()
    let stemmer = Stemmer()
    func key(_ text: String) -> [String] { folding.words(text).map { stemmer.stem($0) } }
    for group in vocabulary.synonyms {
      var members: [Member] = []
      for text in group.members {
        let stems = key(text)
        let joined = stems.joined(separator: " ")
        guard !stems.isEmpty, groupOf[joined] == nil else { continue }
        groupOf[joined] = groups.count
        members.append(Member(text: text, stems: stems))
      }
      groups.append(members)
    }
    for facet in [Facet.tag, .office, .outcome] {
      for term in vocabulary.terms[facet] ?? [] {
        for name in term.aliases {
          let stems = key(name)
          guard !stems.isEmpty else { continue }
          let joined = stems.joined(separator: " ")
          if facetValues[joined]?.contains(where: { $0 == (facet, term.value) }) != true {
            facetValues[joined, default: []].append((facet, term.value))
          }
        }
      }
    }
  }

  /// The group whose member reads as these stems.
  func group(of stems: [String]) -> Int? { groupOf[stems.joined(separator: " ")] }

  /// Facet values with an alias that reads as these stems.
  func facetValues(named stems: [String]) -> [(Facet, String)] {
    facetValues[stems.joined(separator: " ")] ?? []
  }

  var isEmpty: Bool { groups.isEmpty && facetValues.isEmpty }
}
