import KnowledgeModel

/// Turns an expanded expression into a plan: fields resolved, vocabulary aliases made canonical,
/// full-text words folded and stemmed. Collects warnings for values no entry has.
struct Resolver {
  let index: SearchIndex
  let vocabulary: Vocabulary?
  let extraKeys: Set<String>
  var folding = TextFolding()
  let stemmer = Stemmer()
  var warnings: [QueryWarning] = []
  /// Whether the labels are for `explain`: only then are the paths a segment stands for listed
  /// (a pass over every value of the facet).
  let explaining: Bool

  init(index: SearchIndex, vocabulary: Vocabulary?, explaining: Bool = false) {
    self.index = index
    self.vocabulary = vocabulary
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
      throw QueryError(
        .unknownSavedSearch, "saved search '@\(name)' was not expanded", at: span.range)
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
      }
    }
  }

  func valueLeaf(_ field: ValueField, _ value: Value, shown: String, span: Span) throws(QueryError)
    -> Leaf
  {
    switch value {
    case .word(let w), .phrase(let w):
      return Leaf(test: .values(field, .exact(w.lowercased())), label: shown + " (exact, any case)")
    case .prefix(let p):
      return Leaf(
        test: .values(field, .prefix(p.lowercased())), label: shown + " (values beginning '\(p)')")
    case .range(let lo, let hi):
      return Leaf(
        test: .values(field, .range(lo?.lowercased(), hi?.lowercased())),
        label: shown + " (" + Resolver.describe(lo, hi) + ")")
    case .parameter(let n):
      throw QueryError(.missingArgument, "parameter '$\(n)' has no argument", at: span.range)
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

  func dateLeaf(_ value: Value, shown: String, span: Span) throws(QueryError) -> Leaf {
    func date(_ s: String) throws(QueryError) -> PartialDate {
      guard let d = PartialDate(s) else {
        throw QueryError(
          .badValue, "'\(s)' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD", at: span.range)
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
    case .prefix:
      throw QueryError(
        .badValue, "a date takes no '*'; use a range such as 'date:2019..2021'", at: span.range)
    case .parameter(let n):
      throw QueryError(.missingArgument, "parameter '$\(n)' has no argument", at: span.range)
    }
  }
}
