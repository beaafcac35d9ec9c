/// A recursive-descent parser: one function per grammar rule, one token of lookahead, and a
/// nesting limit so that no query can exhaust the stack.
///
/// ```
/// query   = [ or ] { "|" stage }
/// or      = and { "OR" and }
/// and     = unary { [ "AND" ] unary }
/// unary   = ( "NOT" | "-" ) unary | primary
/// primary = "(" or ")" | "*" | term
/// ```
struct Parser {
  static let maximumDepth = 100

  let tokens: [Token]
  let source: [Character]
  /// Whether `$1` … `$9` may appear (only in a saved search's text).
  let allowParameters: Bool
  /// A best-match query (`? …`): only upper-case `AND`, `OR`, `NOT` are operators.
  var bestMatch = false
  var index = 0
  var depth = 0

  /// Parses a query; errors carry the text they refer to.
  static func parse(_ text: String, allowParameters: Bool = false) throws(QueryError) -> ParsedQuery
  {
    do {
      // A leading `?` makes a best-match query; it becomes a space, so places stay where they are.
      var source = text
      var bestMatch = false
      if let first = text.firstIndex(where: { !$0.isWhitespace }), text[first] == "?" {
        bestMatch = true
        source.replaceSubrange(first...first, with: " ")
      }
      var parser = Parser(
        tokens: try Lexer.tokens(source), source: Array(source), allowParameters: allowParameters,
        bestMatch: bestMatch)
      var query = try parser.query()
      query.bestMatch = bestMatch
      return query
    } catch {
      throw error.with(text: text)
    }
  }

  var peek: Token { tokens[index] }

  mutating func advance() -> Token {
    let token = tokens[index]
    if index < tokens.count - 1 { index += 1 }
    return token
  }

  func isKeyword(_ token: Token, _ keyword: String) -> Bool {
    if case .word(let w) = token.kind { return (bestMatch ? w : w.uppercased()) == keyword }
    return false
  }

  /// Whether a token can begin a term (for implicit AND and for "expected a term" errors).
  func startsTerm(_ token: Token) -> Bool {
    switch token.kind {
    case .word: return !isKeyword(token, "AND") && !isKeyword(token, "OR")
    case .phrase, .field, .saved, .minus, .leftParen: return true
    case .rightParen, .pipe, .end: return false
    }
  }

  func text(of token: Token) -> String { String(source[token.range]) }

  /// Fails unless a term follows `op`. At the end, the place is one space after `op`, where the
  /// missing term would go.
  func expectTerm(after op: Token) throws(QueryError) {
    guard !startsTerm(peek) else { return }
    let place = peek.kind == .end ? op.range.upperBound + 1..<op.range.upperBound + 1 : peek.range
    throw QueryError(.termExpectedAfter(text(of: op)), at: place)
  }

  mutating func query() throws(QueryError) -> ParsedQuery {
    var expression: Expr?
    if peek.kind != .pipe && peek.kind != .end { expression = try or() }
    var stages: [Stage] = []
    while true {
      switch peek.kind {
      case .end: return ParsedQuery(expression: expression, stages: stages)
      case .pipe: stages.append(try stage())
      default:
        throw QueryError(.unopenedParenthesis(text(of: peek)), at: peek.range)
      }
    }
  }

  mutating func or() throws(QueryError) -> Expr {
    var items = [try and()]
    while isKeyword(peek, "OR") {
      let op = advance()
      try expectTerm(after: op)
      items.append(try and())
    }
    return items.count == 1 ? items[0] : .or(items)
  }

  mutating func and() throws(QueryError) -> Expr {
    var items = [try unary()]
    while true {
      if isKeyword(peek, "AND") {
        let op = advance()
        try expectTerm(after: op)
      } else if !startsTerm(peek) {
        break
      }
      items.append(try unary())
    }
    return items.count == 1 ? items[0] : .and(items)
  }

  mutating func unary() throws(QueryError) -> Expr {
    guard isKeyword(peek, "NOT") || peek.kind == .minus else { return try primary() }
    let op = advance()
    if op.kind == .minus {
      guard startsTerm(peek), peek.range.lowerBound == op.range.upperBound else {
        throw QueryError(.detachedMinus, at: op.range.upperBound..<op.range.upperBound)
      }
    } else {
      try expectTerm(after: op)
    }
    try enter(op)
    defer { depth -= 1 }
    let inner = try unary()
    return .not(inner, SourceSpan(op.range).union(inner.span))
  }

  mutating func enter(_ token: Token) throws(QueryError) {
    depth += 1
    if depth > Parser.maximumDepth {
      throw QueryError(.tooDeep(limit: Parser.maximumDepth), at: token.range)
    }
  }
}
