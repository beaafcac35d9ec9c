extension Resolver {
  /// Full text: words are folded and stemmed; a word that folds to several (`well-being`) is
  /// the phrase of its parts; a prefix is matched unstemmed.
  mutating func text(_ value: Value, fields: [TextField], shown: String, span: SourceSpan)
    throws(QueryError) -> Leaf
  {
    let place =
      fields == TextField.standard ? "" : " in " + fields.map(\.name).joined(separator: ", ")
    switch value {
    case .word(let w), .phrase(let w):
      let words = folding.words(w)
      if words.isEmpty {
        warnings.append(
          QueryWarning(.noLetters(w), at: span.range))
        return Leaf(test: .nothing, label: shown + " (no letters or digits: matches nothing)")
      }
      let stems = words.map { stemmer.stem($0) }
      let spelling = Resolver.spellingNote(words)
      // Facet aliases (`HRO` names a tag) stand for whole entries, so only unscoped full text
      // takes them: `title:culture` is about titles.
      if let expanded = expansion(stems, aliases: fields == TextField.standard) {
        let how =
          stems.count == 1
          ? "stem '\(stems[0])'" : "phrase " + stems.map { "'\($0)'" }.joined(separator: " ")
        return Leaf(
          test: .text(fields, .expanded(expanded.alternatives)),
          label: shown + " → " + how + spelling + ", or " + expanded.label + place)
      }
      if stems.count == 1 {
        let how = stems[0] == w ? "word '\(w)'" : "stem '\(stems[0])'"
        return Leaf(
          test: .text(fields, .stem(stems[0])), label: shown + " → " + how + spelling + place)
      }
      let how = "phrase " + stems.map { "'\($0)'" }.joined(separator: " ")
      return Leaf(
        test: .text(fields, .phrase(stems)), label: shown + " → " + how + spelling + place)
    case .prefix(let p):
      let words = folding.words(p)
      let prefix = words.last ?? ""
      if words.count > 1 {
        warnings.append(
          QueryWarning(.prefixPart(used: prefix, written: p), at: span.range))
      }
      return Leaf(
        test: .text(fields, .prefix(prefix)),
        label: shown + " → words beginning '\(prefix)' (unstemmed)" + place)
    case .range:
      throw QueryError(.rangeInFullText, at: span.range)
    case .glob(let g):
      let star = span.range.lowerBound + (Glob.innerStar(g) ?? 0)
      throw QueryError(.starInsideWord(g), at: star..<star + 1)
    case .parameter(let n):
      throw QueryError(.parameterWithoutArgument(n), at: span.range)
    }
  }
}

extension Resolver {
  /// ` (spelling: organisation → organization)` for the words whose American spelling is
  /// searched instead, or an empty string.
  static func spellingNote(_ words: [String]) -> String {
    let folded = words.compactMap { w in SpellingVariants.american(w).map { "\(w) → \($0)" } }
    return folded.isEmpty ? "" : " (spelling: " + folded.joined(separator: ", ") + ")"
  }
}

extension Resolver {
  /// The other members of the thesaurus group of these stems and, with `aliases`, the facet
  /// values they are an alias of, after the written form; nil when there are none.
  func expansion(_ stems: [String], aliases: Bool = true) -> (
    alternatives: [TextAlternative], label: String
  )? {
    var alternatives = [TextAlternative(form: .words(stems), weight: 1)]
    var names: [String] = []
    if let group = thesaurus.group(of: stems) {
      for member in thesaurus.groups[group] where member.stems != stems {
        alternatives.append(
          TextAlternative(form: .words(member.stems), weight: TextAlternative.synonymWeight))
        names.append("'\(member.text)'")
      }
    }
    var values: [String] = []
    for (facet, value) in aliases ? thesaurus.facetValues(named: stems) : [] {
      alternatives.append(
        TextAlternative(form: .facet(facet, value), weight: TextAlternative.synonymWeight))
      values.append("\(facet.singular):\(value)")
    }
    guard alternatives.count > 1 else { return nil }
    var parts: [String] = []
    if !names.isEmpty {
      parts.append("synonym" + (names.count == 1 ? " " : "s ") + names.joined(separator: ", "))
    }
    if !values.isEmpty {
      parts.append("entries with " + values.joined(separator: ", ") + " (alias)")
    }
    return (alternatives, parts.joined(separator: " or "))
  }
}
