import KnowledgeModel
import Rendering
import TestSupport
import Testing

@testable import QueryEngine

/// `count by` as timelines, roll-ups, trees and cross-tabulations.
@Suite struct CountingTests {
  /// Dated entries with gaps: nothing in 2017, nothing from 2016-04 to 2018-01, and entries dated
  /// to a year only.
  static let searcher: Searcher = {
    func entry(_ id: String, _ date: String?, kind: String, offices: [String]) -> Entry {
      Entry(
        id: id, title: id, kind: kind, offices: offices, date: date.flatMap(PartialDate.init))
    }
    let entries = [
      entry("a", "2016-03-05", kind: "lesson", offices: ["la-dcfs/regional/lancaster"]),
      entry("b", "2016-03", kind: "lesson", offices: ["la-dcfs/regional/palmdale"]),
      entry("c", "2016", kind: "practice", offices: ["la-dcfs"]),
      entry("d", "2018-02-01", kind: "practice", offices: ["la-dcfs/cqi", "npcs"]),
      entry(
        "e", "2019", kind: "lesson",
        offices: ["la-dcfs/regional/lancaster", "la-dcfs/regional/lancaster/unit-7"]),
      entry("f", nil, kind: "principle", offices: ["npcs/members/arizona"]),
    ]
    return Searcher(KnowledgeBase(root: "t", name: "t", vocabulary: nil, entries: entries))
  }()

  static func rows(_ query: String, _ searcher: Searcher = searcher) throws -> [String] {
    switch try searcher.run(query).output {
    case .facets(_, let rows), .facetTree(_, let rows, _):
      return rows.map { "\($0.value) \($0.count)" }
    default:
      Issue.record("'\(query)' gave no facet rows")
      return []
    }
  }

  @Test func yearsRunOldestFirstWithEmptyYearsAsZero() throws {
    #expect(try Self.rows("* | count by year") == ["2016 3", "2017 0", "2018 1", "2019 1"])
  }

  @Test func monthsRunOldestFirstWithYearOnlyRowsBeforeTheirYear() throws {
    let months = try Self.rows("* | count by month")
    #expect(months.first == "2016 (year only) 1")
    #expect(months[1] == "2016-03 2")
    #expect(months.contains("2016-04 0"))
    #expect(months.contains("2018-01 0"))
    // The 2019 entry (year only) lies after the last month: it has its row all the same.
    #expect(months.suffix(2) == ["2018-02 1", "2019 (year only) 1"])
    #expect(months.count == 2 + 24)  // 2016-03 … 2018-02, and two year-only rows
  }

  @Test func everyDatedEntryCountsOnceInAMonthlyTimeline() throws {
    let rows = try Self.searcher.run("* | count by month")
    guard case .facets(_, let facetRows) = rows.output else { return }
    #expect(facetRows.map(\.count).reduce(0, +) == 5)
  }

  @Test func dateCountsByMonthWhenSomeEntryHasAMonthElseByYear() throws {
    #expect(try Self.rows("* | count by date") == Self.rows("* | count by month"))
    #expect(
      try Self.rows("id:c OR id:e | count by date") == ["2016 1", "2017 0", "2018 0", "2019 1"])
  }

  @Test func limitKeepsTheOldestPeriods() throws {
    #expect(try Self.rows("* | count by year | limit 2") == ["2016 3", "2017 0"])
  }

  @Test func rollUpCountsEachEntryOncePerValueAtTheDepth() throws {
    #expect(try Self.rows("* | count by office depth 1") == ["la-dcfs 5", "npcs 2"])
    #expect(
      try Self.rows("* | count by office depth 2") == [
        "la-dcfs/regional 3", "la-dcfs 1", "la-dcfs/cqi 1", "npcs 1", "npcs/members 1",
      ])
  }

  @Test func treeHasSubtotalsParentsFirst() throws {
    guard
      case .facetTree(_, let rows, let tree) = try Self.searcher.run("* | count by office").output
    else {
      Issue.record("no tree")
      return
    }
    #expect(rows.first == FacetRow(value: "la-dcfs/regional/lancaster", count: 2))
    #expect(
      tree.map { "\($0.value) \($0.count)" } == [
        "la-dcfs 5", "la-dcfs/regional 3", "la-dcfs/regional/lancaster 2",
        "la-dcfs/regional/lancaster/unit-7 1", "la-dcfs/regional/palmdale 1", "la-dcfs/cqi 1",
        "npcs 2", "npcs/members 1", "npcs/members/arizona 1",
      ])
  }

  static func crossTab(_ query: String) throws -> (
    rows: [String], columns: [String], counts: [[Int]]
  ) {
    guard case .crossTab(_, _, let rows, let columns, let counts) = try searcher.run(query).output
    else {
      Issue.record("'\(query)' gave no cross-tab")
      return ([], [], [])
    }
    return (rows, columns, counts)
  }

  @Test func crossTabCountsPairsWithTimeOrderedColumns() throws {
    let table = try Self.crossTab("* | count by kind, year")
    #expect(table.rows == ["lesson", "practice"])
    #expect(table.columns == ["2016", "2017", "2018", "2019"])
    #expect(table.counts == [[2, 0, 0, 1], [1, 0, 1, 0]])
  }

  @Test func crossTabWithARollUp() throws {
    let table = try Self.crossTab("* | count by office depth 1, kind")
    #expect(table.rows == ["la-dcfs", "npcs"])
    #expect(table.columns == ["lesson", "practice", "principle"])
    #expect(table.counts == [[3, 2, 0], [0, 1, 1]])
  }

  @Test(arguments: [
    (
      "* | count by title depth 1",
      "error: 'depth' needs a field of paths (tag, office or outcome), not 'title'\n  * | count by title depth 1\n               ^^^^^"
    ),
    (
      "* | count by office depth 0",
      "error: expected a whole number of 1 or more after 'depth', not '0'\n  * | count by office depth 0\n                            ^"
    ),
    (
      "* | count by kind, kind",
      "error: cannot count by 'kind' twice\n  * | count by kind, kind\n                     ^^^^"
    ),
    (
      "* | count by kind, year, tag",
      "error: 'count by' takes one field, or two for a cross-tabulation\n  * | count by kind, year, tag\n                           ^^^"
    ),
    (
      "* | count by kind,",
      "error: expected a field name in 'count by'\n  * | count by kind,\n                    ^"
    ),
    (
      "* | count by office level 2",
      "error: expected 'depth' or ',' after 'office', not 'level'\n  * | count by office level 2\n                      ^^^^^"
    ),
  ])
  func badCountsAreErrorsWithACaret(_ query: String, _ expected: String) {
    #expect(throws: QueryError.self) { try Self.searcher.run(query) }
    do {
      _ = try Self.searcher.run(query)
    } catch {
      #expect(error.rendered == expected)
    }
  }

  /// On the bundled knowledge base, each roll-up row of the full depth has the count of the
  /// matching `office:` query (for a single name, when no office has it below its first level).
  @Test(arguments: [1, 2, 3])
  func rollUpsMatchOfficeQueriesOnTheBundledKnowledgeBase(_ depth: Int) throws {
    let searcher = Self.bundled
    let written = try Self.rows("* | count by office", searcher).map {
      String($0.split(separator: " ")[0])
    }
    let rolled = try Self.rows("* | count by office depth \(depth)", searcher)
    #expect(!rolled.isEmpty)
    for row in rolled {
      let parts = row.split(separator: " ")
      let value = String(parts[0])
      if value.split(separator: "/").count < depth { continue }  // exactly that office
      if !value.contains("/"),
        written.contains(where: { $0.split(separator: "/").dropFirst().contains(Substring(value)) })
      {
        continue
      }
      let expected = try searcher.run("office:\(value) | count").output
      #expect(expected == .count(Int(parts[1])!), "\(row)")
    }
  }

  /// And the tree's subtotals are the counts of `office:PATH`.
  @Test func treeSubtotalsMatchOfficeQueriesOnTheBundledKnowledgeBase() throws {
    guard case .facetTree(_, _, let tree) = try Self.bundled.run("* | count by office").output
    else {
      Issue.record("no tree")
      return
    }
    for row in tree where row.value.contains("/") {
      #expect(try Self.bundled.run("office:\(row.value) | count").output == .count(row.count))
    }
  }

  static let bundled = Searcher(try! Loader.load(Binary.repositoryKnowledge))
}
