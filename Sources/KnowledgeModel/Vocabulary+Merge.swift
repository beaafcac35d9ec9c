extension Vocabulary {
  /// This vocabulary with the terms of `other` it lacks. A value both define differently (label,
  /// description or aliases), or an alias of one that is a value or alias of the other for
  /// another value, is a conflict, reported at both places; this vocabulary's definition wins.
  public func merging(_ other: Vocabulary) -> (Vocabulary, conflicts: [Diagnostic]) {
    var merged = self
    var conflicts: [Diagnostic] = []
    for facet in Facet.allCases {
      for term in other.terms[facet] ?? [] {
        if let mine = self.term(term.value, in: facet) {
          if (mine.label, mine.description, Set(mine.aliases))
            != (term.label, term.description, Set(term.aliases))
          {
            conflicts.append(
              .warning(
                term.location,
                "\(facet.singular) '\(term.value)' is defined differently in \(Self.place(mine.location)); that definition is used"
              ))
          }
          continue
        }
        if let owner = resolve(term.value, in: facet) {
          conflicts.append(
            .warning(
              term.location,
              "\(facet.singular) '\(term.value)' is an alias of '\(owner)' in \(Self.place(self.term(owner, in: facet)?.location)); the alias is used"
            ))
          continue
        }
        var added = term
        added.aliases = term.aliases.filter { alias in
          guard let owner = merged.resolve(alias, in: facet) else { return true }
          conflicts.append(
            .warning(
              term.location,
              "alias '\(alias)' of \(facet.singular) '\(term.value)' already means '\(owner)' in \(Self.place(merged.term(owner, in: facet)?.location)); it keeps that meaning"
            ))
          return false
        }
        merged.add(added, to: facet)
      }
    }
    return (merged, conflicts)
  }

  static func place(_ location: SourceLocation?) -> String {
    guard let l = location else { return "another knowledge base" }
    return "\(l.path):\(l.line):\(l.column)"
  }
}
