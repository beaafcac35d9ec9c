import Foundation
import TestSupport
import Testing

/// The analysts' views from the command line: whole records, counts and cross-tabs.
@Suite struct ViewsCommandTests {
  let kb = FixturePaths.smallKB

  func query(_ arguments: [String]) throws -> Binary.Run {
    try Binary.run(["query", "--kb", kb] + arguments)
  }

  func objects(_ json: String) throws -> [[String: Any]] {
    try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
  }

  /// Scripts rely on the four columns of a query's JSON, ranked or not.
  @Test(arguments: ["lancaster", "*", "kind:lesson"])
  func jsonKeepsItsFourColumns(_ query: String) throws {
    let run = try self.query(["--format", "json", query])
    #expect(run.status == 0)
    let objects = try objects(run.stdout)
    #expect(!objects.isEmpty)
    #expect(objects.allSatisfy { Set($0.keys) == ["id", "kind", "date", "title"] })
  }

  @Test func fieldsStarGivesWholeRecords() throws {
    let run = try query(["--format", "json", "id:lancaster-grief | fields *"])
    let record = try objects(run.stdout).first ?? [:]
    for key in ["id", "kind", "date", "title", "summary", "tag", "office", "outcome", "body"] {
      #expect(record.keys.contains(key), "\(key)")
    }
    #expect(record["office"] as? [String] == ["la-dcfs/regional/lancaster"])
  }

  @Test func crossTabInJSONAndTSV() throws {
    let json = try query(["--format", "json", "* | count by kind, year"])
    let rows = try objects(json.stdout)
    #expect(!rows.isEmpty)
    #expect(rows.allSatisfy { Set($0.keys) == ["kind", "year", "count"] })
    let tsv = try query(["--format", "tsv", "* | count by kind, year"]).stdout
    let header = tsv.split(separator: "\n").first.map(String.init) ?? ""
    let years = header.split(separator: "\t").dropFirst().map(String.init)
    #expect(header.hasPrefix("kind\t"))
    #expect(years == years.sorted())
    // Every pair in JSON is the grid's cell, and the grid's total is the pairs' total.
    let total = rows.compactMap { $0["count"] as? Int }.reduce(0, +)
    let cells = tsv.split(separator: "\n").dropFirst().flatMap {
      $0.split(separator: "\t").dropFirst().compactMap { Int($0) }
    }
    #expect(cells.reduce(0, +) == total)
  }

  @Test func briefWritesAHandout() throws {
    let html = try Binary.run([
      "brief", "--kb", kb, "--format", "html", "--title", "Team <b>meeting</b>", "kind:principle",
    ])
    #expect(html.status == 0)
    #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
    #expect(html.stdout.contains("<title>Team &lt;b&gt;meeting&lt;/b&gt;</title>"))
    #expect(html.stdout.contains("<h2 id=\"entry-2\">"))
    let markdown = try Binary.run(["brief", "--kb", kb, "kind:principle"])
    #expect(markdown.stdout.hasPrefix("# Lessons-learned briefing\n"))
    let none = try Binary.run(["brief", "--kb", kb, "kind:nothing"])
    #expect(none.status == 1)
    #expect(none.stdout.contains("No entry matches the query."))
    let bad = try Binary.run(["brief", "--kb", kb, "kind:lesson AND"])
    #expect(bad.status == 2)
    #expect(bad.stderr.hasPrefix("error: expected a term after 'AND'"))
  }
}
