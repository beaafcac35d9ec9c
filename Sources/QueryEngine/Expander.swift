import KnowledgeModel

/// Replaces `@name` references with the saved searches' expressions, substituting arguments for
/// `$1` … `$9` as single values. Spans of expanded parts point at the reference in the outer text.
struct Expander {
  let provider: any SavedSearchProvider
  let lastQuery: String?

  /// A whole query: when it is only `@name` plus stages, the saved stages run first.
  func expand(_ query: ParsedQuery, chain: [String] = []) throws(QueryError) -> ParsedQuery {
    if case .term(.saved(let name, let arguments, let span))? = query.expression {
      let inner = try load(name, arguments, span, chain: chain)
      return ParsedQuery(
        expression: inner.expression, stages: inner.stages + query.stages,
        bestMatch: query.bestMatch || inner.bestMatch)
    }
    guard let expression = query.expression else { return query }
    return ParsedQuery(
      expression: try expand(expression, chain: chain), stages: query.stages,
      bestMatch: query.bestMatch)
  }

  func expand(_ expr: Expr, chain: [String]) throws(QueryError) -> Expr {
    switch expr {
    case .all: return expr
    case .not(let x, let s): return .not(try expand(x, chain: chain), s)
    case .and(let xs):
      var out: [Expr] = []
      for x in xs { out.append(try expand(x, chain: chain)) }
      return .and(out)
    case .or(let xs):
      var out: [Expr] = []
      for x in xs { out.append(try expand(x, chain: chain)) }
      return .or(out)
    case .term(.saved(let name, let arguments, let span)):
      return try load(name, arguments, span, chain: chain).expression ?? .all(span)
    case .term: return expr
    }
  }

  /// The expanded saved search, with its stages, spans relocated to `span`.
  func load(_ name: String, _ arguments: [Argument], _ span: SourceSpan, chain: [String])
    throws(QueryError) -> ParsedQuery
  {
    if let start = chain.firstIndex(of: name) {
      let cycle = (chain[start...] + [name]).map { "@" + $0 }.joined(separator: " → ")
      throw QueryError(.savedSearchCycle(search: name, path: cycle), at: span.range)
    }
    let text: String
    if name == "last" {
      guard let lastQuery else {
        throw QueryError(.noLastQuery, at: span.range)
      }
      text = lastQuery
    } else if let saved = provider.savedSearch(named: name) {
      text = saved.query
    } else {
      throw QueryError(
        .unknownSavedSearch(
          name, nearest: Suggestion.nearest(name, in: provider.savedSearchNames + ["last"])),
        at: span.range)
    }
    let parsed: ParsedQuery
    do {
      parsed = try Parser.parse(text, allowParameters: true)
    } catch {
      throw QueryError(.inSavedSearch(name, error.problem), at: span.range)
    }
    var substituted = parsed
    substituted.expression = try parsed.expression.map { (e: Expr) throws(QueryError) in
      try Substitution(name: name, arguments: arguments, site: span).apply(e)
    }
    substituted.stages = parsed.stages.map { $0.relocated(to: span) }
    return try expand(substituted, chain: chain + [name])
  }
}
