import KnowledgeModel

/// A query that finds something, offered when a query finds nothing ("no dead end"): the text to
/// run instead, how many entries it finds, and why it is offered.
public struct QuerySuggestion: Hashable, Sendable, CustomStringConvertible {
  public enum Kind: String, Hashable, Sendable {
    /// Words respelt as the knowledge base spells them.
    case spelling
    /// Field values respelt as the vocabulary (or the entries) spell them.
    case value
    /// The best-match form (`? …`) of a query whose words are never all found together.
    case bestMatch
  }

  public var query: String
  /// Entries the suggested query matches.
  public var count: Int
  public var kind: Kind

  public init(query: String, count: Int, kind: Kind) {
    self.query = query
    self.count = count
    self.kind = kind
  }

  /// `did you mean 'psychological safety'? (9 entries)`
  public var description: String {
    let entries = count == 1 ? "1 entry" : "\(count) entries"
    switch kind {
    case .spelling, .value: return "did you mean '\(query)'? (\(entries))"
    case .bestMatch: return "no entry has all of these words; '\(query)' finds \(entries)"
    }
  }
}

extension Searcher {
  /// For a query that finds nothing, the nearest query that finds something: its words respelt
  /// from the index's own words (fewest edits, then most entries, as Xapian does), its field
  /// values respelt from the vocabulary and the values in use, then its best-match form. Nil when
  /// the query is not valid, finds something already, or nothing near it does.
  public func suggestion(
    for text: String, savedSearches: any SavedSearchProvider = NoSavedSearches(),
    lastQuery: String? = nil
  ) -> QuerySuggestion? {
    soundly { nearest(to: text, savedSearches: savedSearches, lastQuery: lastQuery) }
  }

  private func nearest(
    to text: String, savedSearches: any SavedSearchProvider, lastQuery: String?
  ) -> QuerySuggestion? {
    guard let parsed = try? Parser.parse(text),
      let result = try? run(text, savedSearches: savedSearches, lastQuery: lastQuery),
      !result.found
    else { return nil }
    func count(_ query: String) -> Int {
      (try? run(query, savedSearches: savedSearches, lastQuery: lastQuery))?.matched ?? 0
    }
    var respelt = text
    var kind = QuerySuggestion.Kind.value
    var edits: [(Range<Int>, String)] = []
    for term in parsed.expression.map(Searcher.terms) ?? [] {
      switch term {
      case .text(.word(let w), let span):
        if let better = respelling(w) {
          edits.append((span.range, better))
          kind = .spelling
        }
      case .text(.phrase(let p), let span):
        var folding = TextFolding()
        let words = folding.words(p)
        let fixed = words.map { respelling($0) ?? $0 }
        if fixed != words {
          edits.append((span.range, Value.quote(fixed.joined(separator: " "))))
          kind = .spelling
        }
      case .field(let name, _, .word(let w), let span):
        if let better = valueRespelling(name, w) { edits.append((span.range, better)) }
      default: continue
      }
    }
    if !edits.isEmpty {
      var chars = Array(respelt)
      for (range, replacement) in edits.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
        chars.replaceSubrange(range, with: Array(replacement))
      }
      respelt = String(chars)
      let n = count(respelt)
      if n > 0 { return QuerySuggestion(query: respelt, count: n, kind: kind) }
    }
    let freeText = (parsed.expression.map(Searcher.terms) ?? []).filter {
      if case .text = $0 { true } else { false }
    }
    if !parsed.bestMatch, freeText.count >= 2 {
      let question = "? " + respelt.drop(while: \.isWhitespace)
      let n = count(question)
      if n > 0 { return QuerySuggestion(query: question, count: n, kind: .bestMatch) }
    }
    return nil
  }

  /// The terms of an expression as written, outside NOT (a negated term never stops a match).
  static func terms(_ expr: Expr) -> [Term] {
    switch expr {
    case .term(let t): return [t]
    case .and(let xs), .or(let xs): return xs.flatMap(terms)
    case .not, .all: return []
    }
  }

  /// The word respelt when no entry has it in full text and a word of the index is close.
  func respelling(_ word: String) -> String? {
    guard !word.contains(":"), !word.hasSuffix("*") else { return nil }
    var resolver = Resolver(
      index: index, vocabulary: knowledgeBase.vocabulary, thesaurus: thesaurus)
    guard let leaf = try? resolver.leaf(.text(.word(word), SourceSpan(0..<0))),
      index.matches(leaf.test).isEmpty
    else { return nil }
    return spellingCorrection(for: word)
  }

  /// A facet value no entry has, respelt as the nearest value of the vocabulary or in use.
  func valueRespelling(_ field: String, _ value: String) -> String? {
    guard case .facet(let facet)? = FieldName.named(field, extraKeys: Set(index.extraKeys)),
      knowledgeBase.vocabulary?.resolve(value, in: facet) == nil
    else { return nil }
    let postings = index.facet(facet) ?? ValuePostings()
    let lower = value.lowercased()
    if postings.hasExact(lower) || postings.hasSegment(lower) { return nil }
    let vocabulary = knowledgeBase.vocabulary?.names(in: facet) ?? []
    let segments = vocabulary.flatMap { $0.split(separator: "/").map(String.init) }
    let candidates = vocabulary + segments + postings.sortedValues + postings.segmentNames
    return Suggestion.nearest(value, in: candidates).first
  }
}
