/// The expression part of a query, as written (before saved searches are expanded and fields
/// resolved). AND and OR are n-ary: `a b c` is one `.and` of three, so long queries do not make
/// deep trees.
public indirect enum Expr: Hashable, Sendable {
  /// `*`: every entry.
  case all(SourceSpan)
  case term(Term)
  /// `NOT x` or `-x`.
  case not(Expr, SourceSpan)
  case and([Expr])
  case or([Expr])

  /// The place the expression was written.
  public var span: SourceSpan {
    switch self {
    case .all(let s), .not(_, let s): return s
    case .term(let t): return t.span
    case .and(let xs), .or(let xs):
      return xs.dropFirst().reduce(xs.first?.span ?? SourceSpan(0..<0)) { $0.union($1.span) }
    }
  }
}

/// A leaf of an expression.
public enum Term: Hashable, Sendable {
  /// A bare word, phrase or prefix: full text.
  case text(Value, SourceSpan)
  /// `field:value`.
  case field(name: String, nameSpan: SourceSpan, value: Value, valueSpan: SourceSpan)
  /// `@name` or `@name(args)`.
  case saved(name: String, arguments: [Argument], SourceSpan)

  public var span: SourceSpan {
    switch self {
    case .text(_, let s), .saved(_, _, let s): return s
    case .field(_, let n, _, let v): return n.union(v)
    }
  }
}

/// What a stage after `|` does. Each span is where its argument (or the stage's name) was written.
public enum Stage: Hashable, Sendable {
  /// `sort FIELD [asc|desc]`; `descending` is nil when no direction was written.
  case sort(field: String, descending: Bool?, SourceSpan)
  case limit(Int, SourceSpan)
  case count(SourceSpan)
  /// `count by F1 [depth N][, F2 [depth M]]`: one key, or two for a cross-tabulation.
  case countBy([CountKey])
  /// `fields a,b,c`, one span for each name.
  case fields([String], [SourceSpan])
}

/// A parsed query: an optional expression (none means every entry) and its stages.
public struct ParsedQuery: Hashable, Sendable {
  public var expression: Expr?
  public var stages: [Stage]
  /// Whether the query began with `?`: its free-text words are ranked, optional clauses.
  public var bestMatch: Bool

  public init(expression: Expr?, stages: [Stage] = [], bestMatch: Bool = false) {
    self.expression = expression
    self.stages = stages
    self.bestMatch = bestMatch
  }
}

/// One field of `count by`, with the depth to roll a hierarchical field up to.
public struct CountKey: Hashable, Sendable {
  public var field: String
  public var depth: Int?
  /// Where the field name was written.
  public var span: SourceSpan

  public init(field: String, depth: Int? = nil, _ span: SourceSpan) {
    self.field = field
    self.depth = depth
    self.span = span
  }
}
