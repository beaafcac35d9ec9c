import Testing

@testable import QueryEngine

struct ErrorCase: CustomTestStringConvertible, Sendable {
  var id: String
  var query: String
  var rendered: String
  var testDescription: String { id }
}

/// Every syntax error, pinned by its whole rendered text.
@Suite struct ParseErrorTests {
  static let cases: [ErrorCase] = [
    .init(
      id: "and at end", query: "tag:supervision AND",
      rendered: """
        error: expected a term after 'AND'
          tag:supervision AND
                              ^
        """),
    .init(
      id: "or at end", query: "a OR",
      rendered: """
        error: expected a term after 'OR'
          a OR
               ^
        """),
    .init(
      id: "not at end", query: "a NOT",
      rendered: """
        error: expected a term after 'NOT'
          a NOT
                ^
        """),
    .init(
      id: "and then or", query: "a AND OR b",
      rendered: """
        error: expected a term after 'AND'
          a AND OR b
                ^^
        """),
    .init(
      id: "leading and", query: "AND a",
      rendered: """
        error: expected a term before 'AND'
          AND a
          ^^^
        """),
    .init(
      id: "unclosed paren", query: "(a OR b",
      rendered: """
        error: expected ')' to close this '('
          (a OR b
          ^
        """),
    .init(
      id: "stray paren", query: "a b)",
      rendered: """
        error: unexpected ')': no '(' to close
          a b)
             ^
        """),
    .init(
      id: "empty parens", query: "a ()",
      rendered: """
        error: expected a term after '('
          a ()
             ^
        """),
    .init(
      id: "unterminated phrase", query: #"a "critical inc"#,
      rendered: """
        error: unterminated phrase: no closing '"' for this one
          a "critical inc
            ^
        """),
    .init(
      id: "empty value", query: "tag: x",
      rendered: """
        error: expected a value after 'tag:'
          tag: x
              ^
        """),
    .init(
      id: "bare colon", query: ": x",
      rendered: """
        error: expected a field name before ':'
          : x
          ^
        """),
    .init(
      id: "detached minus", query: "a - b",
      rendered: """
        error: expected a term right after '-' (write '-tag:x', with no space)
          a - b
             ^
        """),
    .init(
      id: "range without bound", query: "date:..",
      rendered: """
        error: a range needs at least one bound, as in '2019..2021'
          date:..
               ^^
        """),
    .init(
      id: "at alone", query: "@ x",
      rendered: """
        error: expected a saved search name after '@'
          @ x
          ^
        """),
    .init(
      id: "unclosed args", query: "@s(a, b",
      rendered: """
        error: expected ')' to close the arguments of '@s'
          @s(a, b
            ^
        """),
    .init(
      id: "parameter outside", query: "tag:$1",
      rendered: """
        error: '$1' is a parameter; parameters are only allowed in a saved search
          tag:$1
              ^^
        """),
    .init(
      id: "pipe without stage", query: "a |",
      rendered: """
        error: expected a stage after '|'
          a |
              ^
        """),
    .init(
      id: "sort without field", query: "a | sort",
      rendered: """
        error: expected a field after 'sort'
          a | sort
                   ^
        """),
    .init(
      id: "limit without number", query: "a | limit",
      rendered: """
        error: expected a number after 'limit'
          a | limit
                    ^
        """),
    .init(
      id: "limit negative", query: "a | limit -1",
      rendered: """
        error: expected a whole number of 0 or more after 'limit', not '-1'
          a | limit -1
                    ^^
        """),
    .init(
      id: "count by without field", query: "a | count by",
      rendered: """
        error: expected a field after 'count by'
          a | count by
                       ^
        """),
    .init(
      id: "count what", query: "a | count tags",
      rendered: """
        error: expected 'by' after 'count', not 'tags'
          a | count tags
                    ^^^^
        """),
    .init(
      id: "bad direction", query: "a | sort date up",
      rendered: """
        error: expected 'asc' or 'desc' after 'sort date', not 'up'
          a | sort date up
                        ^^
        """),
    .init(
      id: "unknown stage", query: "a | srot date",
      rendered: """
        error: unknown stage 'srot'; did you mean 'sort'?
          a | srot date
              ^^^^
        """),
    .init(
      id: "fields empty name", query: "a | fields id,,title",
      rendered: """
        error: expected a field name in 'fields'
          a | fields id,,title
                        ^
        """),
    .init(
      id: "extra after limit", query: "a | limit 3 4",
      rendered: """
        error: unexpected '4' after 'limit 3'
          a | limit 3 4
                      ^
        """),
  ]

  @Test(arguments: cases)
  func rendersError(_ c: ErrorCase) {
    #expect(throws: QueryError.self) { try Parser.parse(c.query) }
    do {
      _ = try Parser.parse(c.query)
    } catch {
      #expect(error.rendered == c.rendered)
    }
  }

  @Test func tooLongIsRefused() {
    let query = String(repeating: "a ", count: 5_000) + "b"
    #expect(query.count == 10_001)
    do {
      _ = try Parser.parse(query)
      Issue.record("accepted a 10,001-character query")
    } catch {
      #expect(error.kind == .tooLong)
      #expect(error.message == "query is 10001 characters long; the limit is 10000")
    }
  }

  @Test func exactlyTheLimitIsAccepted() throws {
    let query = String(repeating: "a ", count: 4_999) + "bc"
    #expect(query.count == 10_000)
    _ = try Parser.parse(query)
  }

  @Test(arguments: ["(", "NOT ", "-"])
  func tooDeepIsRefused(_ opener: String) {
    let closer = opener == "(" ? ")" : ""
    let query = String(repeating: opener, count: 101) + "a" + String(repeating: closer, count: 101)
    do {
      _ = try Parser.parse(query)
      Issue.record("accepted 101 levels")
    } catch {
      #expect(error.kind == .tooDeep)
      #expect(error.message == "query is nested more than 100 levels deep")
    }
  }

  @Test func hundredLevelsAreFine() throws {
    let query = String(repeating: "(", count: 100) + "a" + String(repeating: ")", count: 100)
    _ = try Parser.parse(query)
  }

  @Test func manyParenthesesNeverCrash() {
    let query = String(repeating: "(", count: 5_000)
    #expect(throws: QueryError.self) { try Parser.parse(query) }
  }
}
