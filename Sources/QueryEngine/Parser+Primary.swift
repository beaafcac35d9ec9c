extension Parser {
  mutating func primary() throws(QueryError) -> Expr {
    let token = peek
    switch token.kind {
    case .leftParen:
      _ = advance()
      if peek.kind == .rightParen {
        throw QueryError(.termExpectedAfter("("), at: peek.range)
      }
      try enter(token)
      defer { depth -= 1 }
      let inner = try or()
      guard peek.kind == .rightParen else {
        throw QueryError(.unclosedParenthesis, at: token.range)
      }
      _ = advance()
      // In a best-match query a group is a filter, even of one word: it stays a group.
      if bestMatch, case .term(.text) = inner { return .and([inner]) }
      return inner
    case .word(let w):
      if isKeyword(token, "AND") || isKeyword(token, "OR") {
        throw QueryError(.termExpectedBefore(w), at: token.range)
      }
      _ = advance()
      if w == "*" { return .all(SourceSpan(token.range)) }
      return .term(.text(try bareValue(w, token.range), SourceSpan(token.range)))
    case .phrase(let p):
      _ = advance()
      return .term(.text(.phrase(p), SourceSpan(token.range)))
    case .field(let name, let nameRange, let raw, let valueRange):
      _ = advance()
      let value: Value
      switch raw {
      case .phrase(let p): value = .phrase(p)
      case .word(let w):
        guard let v = Value.reading(w) else {
          throw QueryError(.rangeWithoutBound, at: valueRange)
        }
        value = v
        if case .parameter = v, !allowParameters { throw parameterError(w, valueRange) }
      }
      return .term(
        .field(
          name: name, nameSpan: SourceSpan(nameRange), value: value,
          valueSpan: SourceSpan(valueRange)))
    case .saved(let name, let arguments):
      _ = advance()
      return .term(.saved(name: name, arguments: arguments, SourceSpan(token.range)))
    case .end:
      throw QueryError(.termExpected, at: token.range)
    case .rightParen, .pipe, .minus:
      throw QueryError(.termExpectedBefore(text(of: token)), at: token.range)
    }
  }

  /// A bare word: `$n` is a parameter, `x*` a prefix, anything else a word (a bare `a..b` is not
  /// a range: ranges need a field).
  func bareValue(_ w: String, _ range: Range<Int>) throws(QueryError) -> Value {
    if w.count == 2, w.first == "$", let d = w.last?.wholeNumberValue, d >= 1 {
      if !allowParameters { throw parameterError(w, range) }
      return .parameter(d)
    }
    if let star = Glob.innerStar(w) {
      throw QueryError(
        .starInsideBareWord(w), at: range.lowerBound + star..<range.lowerBound + star + 1)
    }
    if w.count > 1, w.hasSuffix("*") { return .prefix(String(w.dropLast())) }
    return .word(w)
  }

  func parameterError(_ w: String, _ range: Range<Int>) -> QueryError {
    QueryError(.parameterOutsideSavedSearch(w), at: range)
  }
}
