import KnowledgeModel

extension Resolver {
  /// `tag`, `office`, `outcome` and `kind`: aliases resolve to canonical values; paths match
  /// themselves and below; a value without `/` also matches as a segment.
  mutating func facetLeaf(_ facet: Facet, _ value: Value, shown: String, span: SourceSpan)
    throws(QueryError) -> Leaf
  {
    let word: String
    switch value {
    case .word(let w), .phrase(let w): word = w
    default: return try valueLeaf(.facet(facet), value, shown: shown, span: span)
    }
    let canonical = vocabulary?.resolve(word, in: facet)
    let target = (canonical ?? word).lowercased()
    let postings = index.facet(facet) ?? ValuePostings()
    var label = shown
    if let canonical, canonical.lowercased() != word.lowercased() {
      label += " → \(canonical) (alias)"
    }
    let match: ValueMatch
    if facet.isHierarchical {
      match = .hierarchy(target)
      let used = target.contains("/") ? postings.hasPath(target) : postings.hasSegment(target)
      if !target.contains("/"), explaining {
        let paths = Resolver.pathsEnding(in: target, postings.sortedValues)
        if !paths.isEmpty, paths != [target] {
          label +=
            " → " + paths.prefix(4).joined(separator: ", ")
            + (paths.count > 4 ? ", …" : "") + " (and below)"
        } else {
          label += " (and below)"
        }
      } else {
        label += " (and below)"
      }
      if !used { warnIfUnknown(facet, word, canonical: canonical, span: span) }
    } else {
      match = .exact(target)
      if !postings.hasExact(target) {
        warnIfUnknown(facet, word, canonical: canonical, span: span)
      }
    }
    return Leaf(test: .values(.facet(facet), match), label: label)
  }

  /// Each distinct path, cut just after a segment equal to `segment`.
  static func pathsEnding(in segment: String, _ values: [String]) -> [String] {
    var out: [String] = []
    for value in values {
      var path = ""
      for s in value.split(separator: "/", omittingEmptySubsequences: false) {
        path = path.isEmpty ? String(s) : path + "/" + s
        if s == segment {
          if !out.contains(path) { out.append(path) }
          break
        }
      }
    }
    return out
  }

  mutating func warnIfUnknown(_ facet: Facet, _ word: String, canonical: String?, span: SourceSpan)
  {
    if canonical != nil { return }
    let vocabularyValues = vocabulary?.names(in: facet) ?? []
    let vocabularySegments = vocabularyValues.flatMap { $0.split(separator: "/").map(String.init) }
    if vocabularySegments.contains(where: { $0.lowercased() == word.lowercased() }) { return }
    let postings = index.facet(facet) ?? ValuePostings()
    let candidates =
      vocabularyValues + vocabularySegments + postings.sortedValues
      + postings.segmentNames
    warnings.append(
      QueryWarning(
        .unknownValue(
          field: facet.singular, value: word, nearest: Suggestion.nearest(word, in: candidates)),
        at: span.range))
  }
}
