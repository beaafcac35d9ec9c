/// One controlled value: a slug or a `/`-path of slugs, with a label, a description and aliases.
public struct Term: Hashable, Sendable {
  public var value: String
  public var label: String
  public var description: String
  public var aliases: [String]
  public var location: SourceLocation
  /// For a kind: the section headings a new entry's body starts with (`sections:`).
  public var sections: [String] = []

  public init(
    value: String, label: String, description: String, aliases: [String] = [],
    location: SourceLocation = SourceLocation(path: "")
  ) {
    self.value = value
    self.label = label
    self.description = description
    self.aliases = aliases
    self.location = location
  }
}

/// The controlled vocabulary of a knowledge base (`vocabulary.yaml`).
public struct Vocabulary: Sendable, Hashable {
  public var name: String?
  public var description: String?
  /// Terms of each facet, in the order written.
  public private(set) var terms: [Facet: [Term]] = [:]
  /// The thesaurus for full text (`synonyms:`), in the order written.
  public var synonyms: [SynonymGroup] = []
  private var canonical: [Facet: [String: String]] = [:]

  public init(name: String? = nil, description: String? = nil, terms: [Facet: [Term]] = [:]) {
    self.name = name
    self.description = description
    for (facet, list) in terms {
      for term in list { add(term, to: facet) }
    }
  }

  /// Adds a term; its value and aliases resolve to it (case-insensitively).
  public mutating func add(_ term: Term, to facet: Facet) {
    terms[facet, default: []].append(term)
    canonical[facet, default: [:]][term.value.lowercased()] = term.value
    for alias in term.aliases {
      canonical[facet, default: [:]][alias.lowercased()] = term.value
    }
  }

  /// The canonical value for a value or alias, or nil when the vocabulary does not know it.
  public func resolve(_ value: String, in facet: Facet) -> String? {
    guard let names = canonical[facet] else { return nil }
    // Most values are lower-case ASCII already: looked up as they are, with no new string.
    var value = value
    let lower = value.withUTF8 { bytes in
      bytes.allSatisfy { $0 < 0x80 && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
    }
    return names[lower ? value : value.lowercased()]
  }

  /// Whether `value` is itself a canonical value (not only an alias).
  public func contains(_ value: String, in facet: Facet) -> Bool {
    term(value, in: facet) != nil
  }

  public func term(_ value: String, in facet: Facet) -> Term? {
    terms[facet]?.first { $0.value == value }
  }

  /// Every canonical value and alias of a facet, for suggestions and completion.
  public func names(in facet: Facet) -> [String] {
    (terms[facet] ?? []).flatMap { [$0.value] + $0.aliases }
  }

  public var isEmpty: Bool { terms.values.allSatisfy(\.isEmpty) && synonyms.isEmpty }
}
