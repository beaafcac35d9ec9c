import Foundation
import TestSupport
import Testing

@Suite struct QueryCommandTests {
  let kb = FixturePaths.smallKB

  func query(_ arguments: [String], environment: [String: String] = [:]) throws -> Binary.Run {
    try Binary.run(["query", "--kb", kb] + arguments, environment: environment)
  }

  @Test func exitsZeroWhenFoundOneWhenNotTwoOnErrors() throws {
    let found = try query(["office:lancaster"])
    #expect(found.status == 0)
    #expect(found.stdout.hasPrefix("id\tkind\tdate\ttitle\n"))
    let none = try query(["tag:supervision", "kind:principle"])
    #expect(none.status == 1)
    #expect(none.stdout == "id\tkind\tdate\ttitle\n")
    let bad = try query(["tag:supervision", "AND"])
    #expect(bad.status == 2)
    #expect(bad.stdout == "")
    #expect(
      bad.stderr
        == "error: expected a term after 'AND'\n  tag:supervision AND\n                      ^\n")
    let empty = try query([])
    #expect(empty.status == 2)
  }

  @Test func wordsAreJoinedAndOptionsMayComeAnywhere() throws {
    let run = try query(["-kind:lesson", "review", "--format", "ids", "|", "limit", "2"])
    #expect(run.status == 0)
    #expect(run.stdout == "systemic-review\njust-culture\n")
    let dashes = try query(["--format", "ids", "--", "-kind:lesson", "review", "| limit 1"])
    #expect(dashes.stdout == "systemic-review\n")
  }

  @Test(arguments: [
    ("tsv", "id\ttitle\nlancaster-grief\tLancaster: grief after a child's death\n"),
    ("csv", "id,title\r\nlancaster-grief,Lancaster: grief after a child's death\r\n"),
    (
      "json",
      "[\n  {\"id\": \"lancaster-grief\", \"title\": \"Lancaster: grief after a child's death\"}\n]\n"
    ),
    (
      "jsonl",
      "{\"id\": \"lancaster-grief\", \"title\": \"Lancaster: grief after a child's death\"}\n"
    ),
    ("ids", "lancaster-grief\n"),
    (
      "markdown",
      "| id | title |\n|---|---|\n| lancaster-grief | Lancaster: grief after a child's death |\n"
    ),
    ("table", "id               title\nlancaster-grief  Lancaster: grief after a child's death\n"),
  ])
  func everyFormat(format: String, expected: String) throws {
    let run = try query(["--format", format, "id:lancaster-grief | fields id,title"])
    #expect(run.status == 0)
    #expect(run.stdout == expected)
  }

  @Test func emptyJSONIsAnEmptyArray() throws {
    let run = try query(["--format", "json", "tag:nothing-here"])
    #expect(run.status == 1)
    #expect(run.stdout == "[]\n")
  }

  @Test func countAndFacetsInJSON() throws {
    #expect(try query(["--format", "json", "* | count"]).stdout == "{\"count\": 8}\n")
    let facets = try query(["--format", "jsonl", "kind:principle | count by kind"])
    #expect(facets.stdout == "{\"value\": \"principle\", \"count\": 2}\n")
  }

  @Test func warningsAndTheSuggestionGoToStandardError() throws {
    let run = try query(["office:lancester"])
    #expect(run.status == 1)
    #expect(
      run.stderr
        == "warning: no entry has office 'lancester'; did you mean 'lancaster'?\n  office:lancester\n         ^^^^^^^^^\n"
        + "did you mean 'office:lancaster'? (2 entries)\n"
    )
    #expect(run.stdout == "id\tkind\tdate\ttitle\n")
  }

  /// No dead end: a query that finds nothing gets the nearest one that finds something on
  /// standard error; standard output and the exit status stay as they were.
  @Test(arguments: [
    (["--format", "ids", "stafff huddles"], "did you mean 'staff huddles'? (1 entry)\n"),
    (
      ["--format", "ids", "staff zebra"],
      "no entry has all of these words; '? staff zebra' finds 5 entries\n"
    ),
  ])
  func aSuggestionForAQueryThatFindsNothing(_ arguments: [String], _ expected: String) throws {
    let run = try query(arguments)
    #expect(run.status == 1)
    #expect(run.stderr == expected)
    #expect(run.stdout == "")
  }

  /// 1,200 rows are more than a pipe holds, so the program is still writing when `head` leaves.
  @Test func aClosedPipeEndsQuietly() throws {
    let big = try TemporaryFolder()
    for i in 0..<1200 {
      try big.write(
        "e\(i).md", "---\ntitle: Entry \(i) with a long title to fill the pipe quickly\n---\nbody")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "'\(Binary.path)' query --kb '\(big.path)' '*' | head -1"]
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    process.waitUntilExit()
    let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(stdout.hasPrefix("id\tkind\tdate\ttitle\n"))
    #expect(stderr == "")
  }

  @Test func savedSearchesFromTheCommandLine() throws {
    let home = try TemporaryFolder()
    let env = ["SAFETYKB_SEARCHES": home.url("s.yaml")]
    let save = try Binary.run(
      [
        "searches", "save", "--kb", kb, "mine", "--description", "Mine", "--", "-kind:lesson",
        "review",
      ], environment: env)
    #expect(save.status == 0, "\(save.stderr)")
    #expect(save.stdout == "saved @mine: -kind:lesson review\n")
    let again = try Binary.run(["searches", "save", "--kb", kb, "mine", "tag:x"], environment: env)
    #expect(again.status == 2)
    #expect(
      again.stderr
        == "error: a saved search named 'mine' already exists; use --force to replace it\n")
    let run = try Binary.run(
      ["searches", "run", "--kb", kb, "mine", "--format", "ids"], environment: env)
    #expect(run.status == 0)
    #expect(run.stdout == "systemic-review\njust-culture\nsupervisor-huddles\n")
    let withArgument = try Binary.run(
      ["searches", "run", "--kb", kb, "office-lessons", "palmdale"], environment: env)
    #expect(withArgument.status == 1)
    let shared = try Binary.run(
      ["searches", "run", "--kb", kb, "office-lessons", "lancaster", "--format", "ids"],
      environment: env)
    #expect(shared.stdout == "lancaster-resources\nlancaster-grief\n")
    let listing = try Binary.run(["searches", "list", "--kb", kb], environment: env)
    #expect(listing.stdout.contains("mine\tpersonal\t3\tMine\t-kind:lesson review\n"))
    let piped = try Binary.run(
      ["searches", "save", "--kb", kb, "evil", "tag:x", "!", "rm", "-rf", "/"], environment: env)
    #expect(piped.status == 2)
    #expect(piped.stderr.contains("cannot run a command"))
  }
}
