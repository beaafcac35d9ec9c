import KnowledgeModel

/// A stage with its field checked.
enum ResolvedStage: Sendable {
  case sort(Column, descending: Bool)
  case limit(Int)
  case count
  case countBy([CountAxis])
  case fields([Column])
}

extension Searcher {
  func resolveStages(_ stages: [Stage]) throws(QueryError) -> [ResolvedStage] {
    let keys = Set(index.extraKeys)
    func column(_ name: String, _ span: SourceSpan) throws(QueryError) -> Column {
      guard let c = Column.named(name, extraKeys: keys) else {
        throw QueryError(
          .unknownField(name, nearest: Suggestion.nearest(name, in: Column.names(extraKeys: keys))),
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
        throw QueryError(
          counted == "count" ? .stageAfterCount : .stageAfterCountBy, at: stage.span.range)
      }
      switch stage {
      case .sort(let name, let descending, let span):
        let c = try column(name, span)
        guard c.isScalar else {
          throw QueryError(.sortByList(name), at: span.range)
        }
        out.append(.sort(c, descending: descending ?? (c == .score || c.isTime)))
      case .limit(let n, _): out.append(.limit(n))
      case .count:
        out.append(.count)
        counted = "count"
      case .countBy(let keys):
        var axes: [CountAxis] = []
        for key in keys {
          let c = try column(key.field, key.span)
          if c == .score || c == .body || c == .snippet {
            throw QueryError(.cannotCountBy(key.field), at: key.span.range)
          }
          if key.depth != nil, !c.isHierarchical {
            throw QueryError(.depthNeedsPaths(field: key.field), at: key.span.range)
          }
          if axes.first?.column == c {
            throw QueryError(.countByTwice(key.field), at: key.span.range)
          }
          axes.append(CountAxis(column: c, depth: key.depth))
        }
        out.append(.countBy(axes))
        counted = "count by"
      case .fields(let names, let spans):
        var columns: [Column] = []
        for (name, span) in zip(names, spans) {
          if name == "*" {
            columns += Column.every(extraKeys: keys)
          } else {
            columns.append(try column(name, span))
          }
        }
        if names.contains("*") {
          // With `*`, a field named as well is shown once, where it first comes.
          var seen = Set<Column>()
          columns = columns.filter { seen.insert($0).inserted }
        }
        out.append(.fields(columns))
      }
    }
    return out
  }
}

extension Stage {
  var span: SourceSpan {
    switch self {
    case .sort(_, _, let s), .limit(_, let s), .count(let s): return s
    case .countBy(let keys): return keys.dropFirst().reduce(keys[0].span) { $0.union($1.span) }
    case .fields(_, let spans): return spans.dropFirst().reduce(spans[0]) { $0.union($1) }
    }
  }
}

/// A field as `count by` counts it: a column, rolled up to `depth` levels when it holds paths.
struct CountAxis: Hashable, Sendable {
  var column: Column
  var depth: Int?
}
