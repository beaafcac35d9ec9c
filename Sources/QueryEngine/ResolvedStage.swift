import KnowledgeModel

/// A stage with its field checked.
enum ResolvedStage: Sendable {
  case sort(Column, descending: Bool)
  case limit(Int)
  case count
  case countBy(Column)
  case fields([Column])
}

extension Searcher {
  func resolveStages(_ stages: [Stage]) throws(QueryError) -> [ResolvedStage] {
    let keys = Set(index.extraKeys)
    func column(_ name: String, _ span: Span) throws(QueryError) -> Column {
      guard let c = Column.named(name, extraKeys: keys) else {
        throw QueryError(
          .unknownField,
          "unknown field '\(name)'"
            + Suggestion.didYouMean(name, in: Column.names(extraKeys: keys)),
          at: span.range)
      }
      return c
    }
    var out: [ResolvedStage] = []
    var counted: String?
    for stage in stages {
      if let counted,
        !(counted == "count by" && { if case .limit = stage { true } else { false } }())
      {
        let what =
          counted == "count" ? "no stage can follow 'count'" : "only 'limit' can follow 'count by'"
        throw QueryError(.badStage, what, at: stage.span.range)
      }
      switch stage {
      case .sort(let name, let descending, let span):
        let c = try column(name, span)
        guard c.isScalar else {
          throw QueryError(
            .badStage, "cannot sort by '\(name)': an entry can have several values", at: span.range)
        }
        out.append(.sort(c, descending: descending ?? (c == .score || c == .date || c == .year)))
      case .limit(let n, _): out.append(.limit(n))
      case .count:
        out.append(.count)
        counted = "count"
      case .countBy(let name, let span):
        let c = try column(name, span)
        if c == .score || c == .body {
          throw QueryError(.badStage, "cannot count by '\(name)'", at: span.range)
        }
        out.append(.countBy(c))
        counted = "count by"
      case .fields(let names, let spans):
        var columns: [Column] = []
        for (name, span) in zip(names, spans) { columns.append(try column(name, span)) }
        out.append(.fields(columns))
      }
    }
    return out
  }
}

extension Stage {
  var span: Span {
    switch self {
    case .sort(_, _, let s), .limit(_, let s), .count(let s), .countBy(_, let s): return s
    case .fields(_, let spans): return spans.dropFirst().reduce(spans[0]) { $0.union($1) }
    }
  }
}
