import Testing

@testable import QueryEngine

struct ParseCase: CustomTestStringConvertible, Sendable {
  var id: String
  var query: String
  var canonical: String
  var testDescription: String { id }
}

@Suite struct ParserTests {
  static let cases: [ParseCase] = [
    .init(id: "word", query: "supervision", canonical: "supervision"),
    .init(id: "implicit and", query: "a b", canonical: "(a AND b)"),
    .init(id: "precedence", query: "a b OR c", canonical: "((a AND b) OR c)"),
    .init(id: "lower-case ops", query: "a and b or not c", canonical: "((a AND b) OR NOT c)"),
    .init(id: "mixed-case ops", query: "a Or b", canonical: "(a OR b)"),
    .init(id: "minus", query: "-tag:x", canonical: "NOT tag:x"),
    .init(id: "minus group", query: "-(a b)", canonical: "NOT (a AND b)"),
    .init(id: "not alone", query: "NOT tag:x", canonical: "NOT tag:x"),
    .init(id: "star", query: "*", canonical: "*"),
    .init(id: "parens", query: "(a OR b) c", canonical: "((a OR b) AND c)"),
    .init(id: "phrase", query: #""critical incident""#, canonical: #""critical incident""#),
    .init(id: "phrase escapes", query: #""a \"b\" \\ c""#, canonical: #""a \"b\" \\ c""#),
    .init(id: "quoted operator", query: #""not""#, canonical: #""not""#),
    .init(id: "field", query: "office:la-dcfs/regional", canonical: "office:la-dcfs/regional"),
    .init(
      id: "field phrase", query: #"title:"safety culture""#, canonical: #"title:"safety culture""#),
    .init(id: "prefix", query: "incid*", canonical: "incid*"),
    .init(id: "field prefix", query: "office:la-dcfs/reg*", canonical: "office:la-dcfs/reg*"),
    .init(id: "range", query: "date:2019..2021", canonical: "date:2019..2021"),
    .init(id: "open range low", query: "date:..2020-06", canonical: "date:..2020-06"),
    .init(id: "open range high", query: "date:2021..", canonical: "date:2021.."),
    .init(id: "hyphen word", query: "well-being", canonical: "well-being"),
    .init(id: "saved", query: "@weekly", canonical: "@weekly"),
    .init(
      id: "saved args", query: #"@near(lancaster, "critical incident")"#,
      canonical: #"@near(lancaster, "critical incident")"#),
    .init(id: "bang is a word", query: "wow!", canonical: "wow!"),
    .init(id: "unicode", query: "Café", canonical: "Café"),
    .init(
      id: "stages", query: "tag:x | sort date | limit 5",
      canonical: "tag:x | sort date | limit 5"),
    .init(id: "sort direction", query: "* | sort title DESC", canonical: "* | sort title desc"),
    .init(id: "count by", query: "| count by tag", canonical: "| count by tag"),
    .init(
      id: "fields spaced", query: "x | fields id, title ,kind",
      canonical: "x | fields id,title,kind"),
    .init(id: "empty", query: "", canonical: ""),
    .init(id: "nested", query: "((a))", canonical: "a"),
    .init(id: "explicit and chain", query: "a AND b AND c", canonical: "(a AND b AND c)"),
  ]

  @Test(arguments: cases)
  func parses(_ c: ParseCase) throws {
    let parsed = try Parser.parse(c.query)
    #expect(parsed.description == c.canonical)
  }

  static let roundTrip: [String] =
    cases.map(\.query) + [
      "a (b OR (c -d)) NOT (e f)", #"tag:"a b" OR -office:x/y*"#, "NOT NOT a",
      "kind:practice date:..2019 | count", "x:1..5 y:a..", "@s(x, \"y z\") -@t",
    ]

  @Test(arguments: roundTrip)
  func roundTrips(_ query: String) throws {
    let first = try Parser.parse(query)
    let second = try Parser.parse(first.description)
    #expect(first == second)
    #expect(second.description == first.description)
  }

  @Test func limitHugeIsFine() throws {
    let parsed = try Parser.parse("* | limit 99999999999999999999999")
    #expect(parsed.stages == [.limit(Int.max, SourceSpan(0..<0))])
  }

  @Test func spansPointAtTheText() throws {
    let parsed = try Parser.parse("  tag:x")
    guard case .term(.field(_, let n, _, let v))? = parsed.expression else {
      Issue.record("not a field")
      return
    }
    #expect(n.range == 2..<5)
    #expect(v.range == 6..<7)
  }
}
