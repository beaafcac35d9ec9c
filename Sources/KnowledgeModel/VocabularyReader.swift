/// Reads `vocabulary.yaml` and checks its shape: every value a slug or a path of slugs whose
/// ancestors are defined, every value with a label and a description, aliases unique.
public enum VocabularyReader {
  public static func read(text: String, displayPath: String) -> (Vocabulary?, [Diagnostic]) {
    let start = SourceLocation(path: displayPath)
    let tree: YAMLTree?
    do {
      tree = try YAMLTree.parse(FrontMatter.normalise(text), path: displayPath, firstLine: 1)
    } catch {
      return (nil, [.error(error.location, error.message)])
    }
    guard case .mapping(let sections, _) = tree else {
      return (
        nil,
        [
          .error(
            tree?.location ?? start,
            "the vocabulary must be a mapping with 'kinds', 'tags', 'offices' and 'outcomes'")
        ]
      )
    }
    var vocabulary = Vocabulary()
    var diagnostics: [Diagnostic] = []
    let sectionNames = Facet.allCases.map(\.rawValue) + ["name", "description", "synonyms"]
    for (key, keyLocation, value) in sections {
      if key == "synonyms" {
        readSynonyms(value, into: &vocabulary, &diagnostics)
        continue
      }
      if key == "name", case .scalar(let s, _) = value { vocabulary.name = s; continue }
      if key == "description", case .scalar(let s, _) = value {
        vocabulary.description = s; continue
      }
      guard let facet = Facet(rawValue: key) else {
        diagnostics.append(
          .warning(
            keyLocation,
            "unknown vocabulary section '\(key)'" + Suggestion.didYouMean(key, in: sectionNames)))
        continue
      }
      if case .null = value { continue }
      guard case .mapping(let terms, _) = value else {
        diagnostics.append(
          .error(
            value.location, "'\(key)' must be a mapping of values to their label and description"))
        continue
      }
      readTerms(terms, facet: facet, into: &vocabulary, &diagnostics)
    }
    return (vocabulary, diagnostics)
  }

  private static func readTerms(
    _ terms: [(key: String, keyLocation: SourceLocation, value: YAMLTree)], facet: Facet,
    into vocabulary: inout Vocabulary, _ diagnostics: inout [Diagnostic]
  ) {
    let defined = Set(terms.map { $0.key.lowercased() })
    for (value, location, body) in terms {
      if !Slug.isValid(value, allowPath: facet.isHierarchical) {
        let shape = facet.isHierarchical ? "a slug or a '/'-path of slugs" : "a slug"
        diagnostics.append(
          .error(
            location,
            "\(facet.singular) '\(value)' is not \(shape) (lower-case letters, digits and hyphens)")
        )
        continue
      }
      if facet.isHierarchical {
        let parts = value.split(separator: "/")
        for n in 1..<max(1, parts.count) {
          let ancestor = parts.prefix(n).joined(separator: "/")
          if !defined.contains(ancestor) {
            diagnostics.append(
              .error(
                location,
                "\(facet.singular) '\(value)' is below '\(ancestor)', which is not defined"))
            break
          }
        }
      }
      var term = Term(value: value, label: "", description: "", location: location)
      var pairs: [(key: String, keyLocation: SourceLocation, value: YAMLTree)] = []
      switch body {
      case .mapping(let p, _): pairs = p
      case .scalar(let s, _): term.label = s
      default: break
      }
      for (k, kLocation, v) in pairs {
        switch (k, v) {
        case ("label", .scalar(let s, _)): term.label = s.trimmed
        case ("description", .scalar(let s, _)): term.description = s.trimmed
        case ("aliases", .sequence(let items, _)):
          term.aliases = items.compactMap {
            if case .scalar(let s, _) = $0 { return s.trimmed } else { return nil }
          }
        case ("aliases", .scalar(let s, _)): term.aliases = [s.trimmed]
        case ("sections", .sequence(let items, _)) where facet == .kind:
          term.sections = items.compactMap {
            if case .scalar(let s, _) = $0 { return s.trimmed } else { return nil }
          }
        default:
          diagnostics.append(
            .warning(
              kLocation,
              "unknown key '\(k)' for \(facet.singular) '\(value)'"
                + Suggestion.didYouMean(
                  k, in: ["label", "description", "aliases"] + (facet == .kind ? ["sections"] : []))
            ))
        }
      }
      if term.label.isEmpty {
        diagnostics.append(.error(location, "\(facet.singular) '\(value)' has no label"))
      }
      if term.description.isEmpty {
        diagnostics.append(.error(location, "\(facet.singular) '\(value)' has no description"))
      }
      for alias in term.aliases {
        if let owner = vocabulary.resolve(alias, in: facet)
          ?? (defined.contains(alias.lowercased()) ? alias : nil)
        {
          diagnostics.append(
            .error(
              location,
              "alias '\(alias)' of \(facet.singular) '\(value)' is already used by '\(owner)'"))
        }
      }
      if vocabulary.resolve(value, in: facet) != nil {
        diagnostics.append(
          .error(
            location,
            "\(facet.singular) '\(value)' is already an alias of '\(vocabulary.resolve(value, in: facet)!)'"
          ))
      }
      vocabulary.add(term, to: facet)
    }
  }
}

extension VocabularyReader {
  /// `synonyms:` is a list of groups, each a list of words or phrases. A group with no member
  /// and a member already in another group are errors, each at its place.
  static func readSynonyms(
    _ value: YAMLTree, into vocabulary: inout Vocabulary, _ diagnostics: inout [Diagnostic]
  ) {
    if case .null = value { return }
    guard case .sequence(let groups, _) = value else {
      diagnostics.append(
        .error(
          value.location,
          "'synonyms' must be a list of groups, such as '- [RCA, root cause analysis]'"))
      return
    }
    var owner: [String: (group: Int, member: String)] = [:]
    for group in groups {
      guard case .sequence(let items, let location) = group else {
        diagnostics.append(
          .error(
            group.location, "a synonym group must be a list, such as '[near miss, close call]'"))
        continue
      }
      var members: [String] = []
      var locations: [SourceLocation] = []
      for item in items {
        guard case .scalar(let text, let at) = item else {
          diagnostics.append(.error(item.location, "a synonym must be a word or a phrase"))
          continue
        }
        let member = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if member.isEmpty {
          diagnostics.append(.error(at, "empty synonym"))
          continue
        }
        let key = SynonymGroup.key(member)
        if let first = owner[key] {
          let whose =
            first.group == vocabulary.synonyms.count
            ? "this group" : "the group of '\(vocabulary.synonyms[first.group].members[0])'"
          diagnostics.append(
            .error(
              at,
              "synonym '\(member)' is already in \(whose); a word or phrase may be in one group only"
            ))
          continue
        }
        owner[key] = (vocabulary.synonyms.count, member)
        members.append(member)
        locations.append(at)
      }
      if items.isEmpty {
        diagnostics.append(.error(location, "empty synonym group"))
        continue
      }
      if members.count == 1, items.count == 1 {
        diagnostics.append(.warning(location, "synonym group '\(members[0])' has only one member"))
      }
      if !members.isEmpty {
        vocabulary.synonyms.append(
          SynonymGroup(members: members, locations: locations, location: location))
      }
    }
  }
}

/// Slugs: lower-case letters, digits and single hyphens between them.
public enum Slug {
  public static func isValid(_ text: String, allowPath: Bool = false) -> Bool {
    if allowPath {
      let parts = text.split(separator: "/", omittingEmptySubsequences: false)
      return !parts.isEmpty && parts.allSatisfy { isValid(String($0)) }
    }
    guard !text.isEmpty, !text.hasPrefix("-"), !text.hasSuffix("-"), !text.contains("--") else {
      return false
    }
    return text.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
    }
  }
}
