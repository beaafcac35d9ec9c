import KnowledgeModel

/// Turns an expanded expression into a plan: fields resolved, vocabulary aliases made canonical,
/// full-text words folded and stemmed. Collects warnings for values no entry has.
struct Resolver {
  let index: SearchIndex
  let vocabulary: Vocabulary?
  let extraKeys: Set<String>
  let thesaurus: Thesaurus
  var folding = TextFolding()
  let stemmer = Stemmer()
  var warnings: [QueryWarning] = []
  /// Whether the labels are for `explain`: only then are the paths a segment stands for listed
  /// (a pass over every value of the facet).
  let explaining: Bool

  /// The entries, for `similar:` (which reads the words of the entry it names).
  let entries: EntryList

  init(
    index: SearchIndex, vocabulary: Vocabulary?, entries: EntryList = [],
    thesaurus: Thesaurus? = nil,
    explaining: Bool = false
  ) {
    self.index = index
    self.entries = entries
    self.vocabulary = vocabulary
    self.thesaurus = thesaurus ?? Thesaurus(vocabulary)
    self.explaining = explaining
    self.extraKeys = Set(index.extraKeys)
  }

  mutating func plan(_ expr: Expr) throws(QueryError) -> Plan {
    switch expr {
    case .all: return .all
    case .not(let x, _): return .not(try plan(x))
    case .and(let xs):
      var out: [Plan] = []
      for x in xs { out.append(try plan(x)) }
      return .and(out)
    case .or(let xs):
      var out: [Plan] = []
      for x in xs { out.append(try plan(x)) }
      return .or(out)
    case .term(let t): return .leaf(try leaf(t))
    }
  }

  mutating func leaf(_ term: Term) throws(QueryError) -> Leaf {
    switch term {
    case .text(let value, let span):
      return try text(value, fields: TextField.standard, shown: term.description, span: span)
    case .saved(let name, _, let span):
      throw QueryError(.notExpanded(search: name), at: span.range)
    case .field(let name, let nameSpan, let value, let valueSpan):
      guard let field = FieldName.named(name, extraKeys: extraKeys) else {
        throw FieldName.unknown(name, extraKeys: extraKeys, at: nameSpan.range)
      }
      let shown = term.description
      switch field {
      case .facet(let facet): return try facetLeaf(facet, value, shown: shown, span: valueSpan)
      case .id: return try valueLeaf(.id, value, shown: shown, span: valueSpan)
      case .related: return try valueLeaf(.related, value, shown: shown, span: valueSpan)
      case .extra(let key): return try valueLeaf(.extra(key), value, shown: shown, span: valueSpan)
      case .title: return try text(value, fields: [.title], shown: shown, span: valueSpan)
      case .summary: return try text(value, fields: [.summary], shown: shown, span: valueSpan)
      case .body: return try text(value, fields: [.body], shown: shown, span: valueSpan)
      case .source: return try text(value, fields: [.source], shown: shown, span: valueSpan)
      case .date: return try dateLeaf(value, shown: shown, span: valueSpan)
      case .similar: return try similarLeaf(value, shown: shown, span: valueSpan)
      }
    }
  }

  mutating func valueLeaf(_ field: ValueField, _ value: Value, shown: String, span: SourceSpan)
    throws(QueryError)
    -> Leaf
  {
    switch value {
    case .word(let w), .phrase(let w):
      return Leaf(test: .values(field, .exact(w.lowercased())), label: shown + " (exact, any case)")
    case .prefix(let p):
      return Leaf(
        test: .values(field, .prefix(p.lowercased())), label: shown + " (values beginning '\(p)')")
    case .glob(let g):
      return globLeaf(field, g, shown: shown, span: span)
    case .range(let lo, let hi):
      return Leaf(
        test: .values(field, .range(lo?.lowercased(), hi?.lowercased())),
        label: shown + " (" + Resolver.describe(lo, hi) + ")")
    case .parameter(let n):
      throw QueryError(.parameterWithoutArgument(n), at: span.range)
    }
  }

  static func describe(_ lo: String?, _ hi: String?) -> String {
    switch (lo, hi) {
    case (let l?, let h?): return "from \(l) to \(h), inclusive"
    case (let l?, nil): return "\(l) or later"
    case (nil, let h?): return "up to \(h), inclusive"
    default: return "any"
    }
  }

  func dateLeaf(_ value: Value, shown: String, span: SourceSpan) throws(QueryError) -> Leaf {
    func date(_ s: String) throws(QueryError) -> PartialDate {
      guard let d = PartialDate(s) else {
        throw QueryError(.notADate(s), at: span.range)
      }
      return d
    }
    switch value {
    case .word(let w), .phrase(let w):
      let d = try date(w)
      return Leaf(
        test: .date(Int32(d.lowerBound), Int32(d.upperBound)),
        label: shown + " (dated within \(d))")
    case .range(let lo, let hi):
      let l = try lo.map { (s: String) throws(QueryError) in try date(s) }
      let h = try hi.map { (s: String) throws(QueryError) in try date(s) }
      return Leaf(
        test: .date(Int32(l?.lowerBound ?? 0), Int32(h?.upperBound ?? 99_999_999)),
        label: shown + " (dated " + Resolver.describe(l?.description, h?.description) + ")")
    case .prefix, .glob:
      throw QueryError(.prefixDate, at: span.range)
    case .parameter(let n):
      throw QueryError(.parameterWithoutArgument(n), at: span.range)
    }
  }
}

extension Resolver {
  /// `similar:ID`: the entry is looked up by id (any case); an unknown id is an error that
  /// suggests the nearest ids.
  func similarLeaf(_ value: Value, shown: String, span: SourceSpan) throws(QueryError) -> Leaf {
    let id: String
    switch value {
    case .word(let w), .phrase(let w): id = w
    case .parameter(let n):
      throw QueryError(.parameterWithoutArgument(n), at: span.range)
    case .prefix, .range, .glob:
      throw QueryError(.similarTakesOneID, at: span.range)
    }
    let ids = index.ids
    guard let doc = ids.exact(id.lowercased())?.first, Int(doc) < entries.count else {
      let ids = ids.sortedValues.map { ids.spelling[$0] ?? $0 }
      throw QueryError(.unknownID(id, nearest: Suggestion.nearestIDs(id, in: ids)), at: span.range)
    }
    let likeness = MoreLikeThis(index: index, entries: entries).likeness(to: Int(doc))
    var label = shown + " → entries like '\(entries[Int(doc)].title)'"
    if !likeness.words.isEmpty {
      label += " (words: " + likeness.words.prefix(10).joined(separator: ", ")
      label += likeness.words.count > 10 ? ", …;" : ";"
      label += " and its tags, outcomes, offices and links)"
    } else {
      label += " (by its tags, outcomes, offices and links)"
    }
    return Leaf(test: .similar(likeness), label: label)
  }

  /// `tag:*culture`: the values in use that match, listed in the label; a warning when none do.
  mutating func globLeaf(_ field: ValueField, _ pattern: String, shown: String, span: SourceSpan)
    -> Leaf
  {
    let hierarchical: Bool
    let name: String
    switch field {
    case .facet(let f):
      hierarchical = f.isHierarchical
      name = f.singular
    case .id: (hierarchical, name) = (false, "id")
    case .related: (hierarchical, name) = (false, "related id")
    case .extra(let key): (hierarchical, name) = (false, key)
    }
    let values = SearchIndex.values(
      index.values(of: field), matching: pattern.lowercased(), hierarchical: hierarchical)
    if values.isEmpty {
      warnings.append(QueryWarning(.noGlobMatch(field: name, pattern: pattern), at: span.range))
    }
    let listed =
      values.isEmpty
      ? "none" : values.prefix(4).joined(separator: ", ") + (values.count > 4 ? ", …" : "")
    return Leaf(
      test: .values(field, .glob(pattern.lowercased(), hierarchical: hierarchical)),
      label: shown
        + " (values matching '\(pattern)': \(listed)\(hierarchical ? ", and below" : ""))")
  }
}
