import KnowledgeModel

extension Parser {
  static let stageNames = ["sort", "limit", "count", "fields"]

  /// A stage is read from the raw text between its `|` and the next one, split at white space.
  mutating func stage() throws(QueryError) -> Stage {
    let pipe = advance()
    while peek.kind != .pipe && peek.kind != .end { _ = advance() }
    let words = Parser.split(source, pipe.range.upperBound..<peek.range.lowerBound)
    guard let first = words.first else {
      let at = pipe.range.upperBound + 1
      throw QueryError(.missingStage, at: at..<at)
    }
    for word in words {
      if let bad = word.text.first(where: { "\"()".contains($0) }) {
        throw QueryError(.unexpectedInStage(bad), at: word.range)
      }
    }
    let name = first.text.lowercased()
    func missing(_ what: QueryProblem.StageArgument, after: Int) -> QueryError {
      let said = words[0..<after].map(\.text).joined(separator: " ")
      let at = words[after - 1].range.upperBound + 1
      return QueryError(.stageArgumentMissing(what, after: said), at: at..<at)
    }
    func extra(_ at: Int) throws(QueryError) {
      guard words.count > at else { return }
      let said = words[0..<at].map(\.text).joined(separator: " ")
      throw QueryError(.unexpectedAfterStage(words[at].text, after: said), at: words[at].range)
    }
    switch name {
    case "sort":
      guard words.count > 1 else { throw missing(.field, after: 1) }
      var descending: Bool?
      if words.count > 2 {
        switch words[2].text.lowercased() {
        case "asc": descending = false
        case "desc": descending = true
        default:
          throw QueryError(
            .expectedSortDirection(field: words[1].text, got: words[2].text), at: words[2].range)
        }
      }
      try extra(3)
      return .sort(
        field: words[1].text.lowercased(), descending: descending, SourceSpan(words[1].range))
    case "limit":
      guard words.count > 1 else { throw missing(.number, after: 1) }
      let n = words[1].text
      guard !n.isEmpty, n.allSatisfy({ $0.isASCII && $0.isNumber }) else {
        throw QueryError(.badLimit(n), at: words[1].range)
      }
      try extra(2)
      return .limit(Int(n) ?? Int.max, SourceSpan(words[1].range))
    case "count":
      if words.count == 1 { return .count(SourceSpan(first.range)) }
      guard words[1].text.lowercased() == "by" else {
        throw QueryError(.expectedBy(got: words[1].text), at: words[1].range)
      }
      guard words.count > 2 else { throw missing(.field, after: 2) }
      return .countBy(
        try countKeys(words[2].range.lowerBound..<words[words.count - 1].range.upperBound))
    case "fields":
      guard words.count > 1 else { throw missing(.field, after: 1) }
      return try fields(Array(words.dropFirst()))
    default:
      throw QueryError(
        .unknownStage(first.text, nearest: Suggestion.nearest(first.text, in: Parser.stageNames)),
        at: first.range)
    }
  }

  /// The fields of `count by`: one or two, separated by a comma, each `FIELD [depth N]`.
  func countKeys(_ range: Range<Int>) throws(QueryError) -> [CountKey] {
    var keys: [CountKey] = []
    var start = range.lowerBound
    while start <= range.upperBound {
      var end = start
      while end < range.upperBound, source[end] != "," { end += 1 }
      let words = Parser.split(source, start..<end)
      guard let field = words.first else {
        throw QueryError(.missingCountField, at: start..<start)
      }
      var depth: Int?
      if words.count > 1 {
        guard words[1].text.lowercased() == "depth" else {
          throw QueryError(
            .expectedDepthOrComma(field: field.text, got: words[1].text), at: words[1].range)
        }
        guard words.count > 2 else {
          let at = words[1].range.upperBound + 1
          throw QueryError(.missingDepth, at: at..<at)
        }
        let n = words[2].text
        guard n.count <= 3, n.allSatisfy({ $0.isASCII && $0.isNumber }), let d = Int(n), d >= 1
        else {
          throw QueryError(.badDepth(n), at: words[2].range)
        }
        guard words.count == 3 else {
          throw QueryError(.unexpectedAfterDepth(words[3].text, depth: n), at: words[3].range)
        }
        depth = d
      }
      keys.append(CountKey(field: field.text.lowercased(), depth: depth, SourceSpan(field.range)))
      if keys.count > 2 {
        throw QueryError(.tooManyCountFields, at: field.range)
      }
      start = end + 1
    }
    return keys
  }

  /// `fields a,b, c`: names separated by commas, spaces allowed around them.
  func fields(_ words: [(text: String, range: Range<Int>)]) throws(QueryError) -> Stage {
    var names: [String] = []
    var spans: [SourceSpan] = []
    let start = words[0].range.lowerBound
    let end = words[words.count - 1].range.upperBound
    var i = start
    while i <= end {
      var j = i
      while j < end, source[j] != "," { j += 1 }
      var a = i
      var b = j
      while a < b, source[a].isWhitespace { a += 1 }
      while b > a, source[b - 1].isWhitespace { b -= 1 }
      if a == b {
        throw QueryError(.missingFieldsName, at: a..<a)
      }
      names.append(String(source[a..<b]).lowercased())
      spans.append(SourceSpan(a..<b))
      i = j + 1
    }
    return .fields(names, spans)
  }

  static func split(_ source: [Character], _ range: Range<Int>) -> [(
    text: String, range: Range<Int>
  )] {
    var out: [(text: String, range: Range<Int>)] = []
    var i = range.lowerBound
    while i < range.upperBound {
      if source[i].isWhitespace {
        i += 1
        continue
      }
      let s = i
      while i < range.upperBound, !source[i].isWhitespace { i += 1 }
      out.append((String(source[s..<i]), s..<i))
    }
    return out
  }
}
