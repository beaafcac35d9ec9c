/// Splits a query into tokens. Works on `Character`s so that ranges are what people count.
struct Lexer {
  static let maximumLength = 10_000

  let chars: [Character]
  var position = 0

  init(_ text: String) { chars = Array(text) }

  /// Every token, ending with `.end`.
  static func tokens(_ text: String) throws(QueryError) -> [Token] {
    var lexer = Lexer(text)
    if lexer.chars.count > maximumLength {
      throw QueryError(
        .tooLong(length: lexer.chars.count, limit: maximumLength),
        at: maximumLength..<lexer.chars.count)
    }
    var out: [Token] = []
    while true {
      let token = try lexer.next()
      out.append(token)
      if token.kind == .end { return out }
    }
  }

  static func isWordCharacter(_ c: Character) -> Bool {
    !(c.isWhitespace || c == "(" || c == ")" || c == "\"" || c == "|")
  }

  mutating func next() throws(QueryError) -> Token {
    while position < chars.count, chars[position].isWhitespace { position += 1 }
    guard position < chars.count else { return Token(.end, position..<position) }
    let start = position
    let c = chars[position]
    switch c {
    case "(":
      position += 1
      return Token(.leftParen, start..<position)
    case ")":
      position += 1
      return Token(.rightParen, start..<position)
    case "|":
      position += 1
      return Token(.pipe, start..<position)
    case "\"":
      let text = try phrase()
      return Token(.phrase(text), start..<position)
    case "-":
      position += 1
      return Token(.minus, start..<position)
    case "@":
      return try savedSearch()
    default:
      return try wordOrField()
    }
  }

  /// Reads a quoted phrase starting at the opening quote; `\"` and `\\` are escapes.
  mutating func phrase() throws(QueryError) -> String {
    let open = position
    position += 1
    var text = ""
    while position < chars.count {
      let c = chars[position]
      if c == "\"" {
        position += 1
        return text
      }
      if c == "\\", position + 1 < chars.count,
        chars[position + 1] == "\"" || chars[position + 1] == "\\"
      {
        text.append(chars[position + 1])
        position += 2
        continue
      }
      text.append(c)
      position += 1
    }
    throw QueryError(.unterminatedPhrase, at: open..<open + 1)
  }

  mutating func word() -> String {
    let start = position
    while position < chars.count, Lexer.isWordCharacter(chars[position]) { position += 1 }
    return String(chars[start..<position])
  }

  mutating func wordOrField() throws(QueryError) -> Token {
    let start = position
    let text = word()
    guard let colon = text.firstIndex(of: ":") else { return Token(.word(text), start..<position) }
    let nameLength = text.distance(from: text.startIndex, to: colon)
    if nameLength == 0 {
      throw QueryError(.missingFieldName, at: start..<start + 1)
    }
    let name = String(text[..<colon])
    let nameRange = start..<start + nameLength
    let rawValue = String(text[text.index(after: colon)...])
    if rawValue.isEmpty {
      if position < chars.count, chars[position] == "\"" {
        let valueStart = position
        let p = try phrase()
        return Token(
          .field(
            name: name, nameRange: nameRange, value: .phrase(p), valueRange: valueStart..<position),
          start..<position)
      }
      throw QueryError(.missingValue(field: name), at: position..<position)
    }
    return Token(
      .field(
        name: name, nameRange: nameRange, value: .word(rawValue),
        valueRange: start + nameLength + 1..<position),
      start..<position)
  }
}
