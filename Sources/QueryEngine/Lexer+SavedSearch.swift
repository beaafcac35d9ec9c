extension Lexer {
  /// Reads `@name` and, when a `(` follows at once, its arguments. An unquoted argument is the
  /// text up to the next `,` or `)`, trimmed; a quoted one is a phrase.
  mutating func savedSearch() throws(QueryError) -> Token {
    let start = position
    position += 1
    let nameStart = position
    while position < chars.count, Lexer.isWordCharacter(chars[position]), chars[position] != "," {
      position += 1
    }
    let name = String(chars[nameStart..<position])
    if name.isEmpty {
      throw QueryError(.missingSavedSearchName, at: start..<start + 1)
    }
    var arguments: [Argument] = []
    if position < chars.count, chars[position] == "(" {
      let open = position
      position += 1
      while true {
        skipSpaces()
        guard position < chars.count else {
          throw QueryError(.unclosedArguments(search: name), at: open..<open + 1)
        }
        if chars[position] == ")", arguments.isEmpty {
          position += 1
          break
        }
        arguments.append(try argument(of: name))
        skipSpaces()
        if position < chars.count, chars[position] == "," {
          position += 1
          continue
        }
        if position < chars.count, chars[position] == ")" {
          position += 1
          break
        }
        if position >= chars.count {
          throw QueryError(.unclosedArguments(search: name), at: open..<open + 1)
        }
        throw QueryError(.expectedArgumentSeparator(search: name), at: position..<position)
      }
    }
    return Token(.saved(name: name, arguments: arguments), start..<position)
  }

  private mutating func skipSpaces() {
    while position < chars.count, chars[position].isWhitespace { position += 1 }
  }

  private mutating func argument(of name: String) throws(QueryError) -> Argument {
    let start = position
    if chars[position] == "\"" {
      let text = try phrase()
      return Argument(text: text, quoted: true, span: SourceSpan(start..<position))
    }
    while position < chars.count, chars[position] != ",", chars[position] != ")",
      chars[position] != "\""
    {
      position += 1
    }
    var end = position
    while end > start, chars[end - 1].isWhitespace { end -= 1 }
    if end == start {
      throw QueryError(.missingArgumentValue(search: name), at: start..<start)
    }
    return Argument(text: String(chars[start..<end]), quoted: false, span: SourceSpan(start..<end))
  }
}
