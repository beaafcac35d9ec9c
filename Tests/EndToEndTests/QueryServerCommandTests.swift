import Foundation
import KnowledgeModel
import TestSupport
import Testing

/// `safetykb query` (and `show`, `explain`) answered by the query server in a watch daemon: the
/// same bytes on the same streams, with the same status, as the command answering by itself.
@Suite(.timeLimit(.minutes(3))) struct QueryServerCommandTests {
  final class Daemon {
    let folder: TemporaryFolder
    let kb: String
    let environment: [String: String]

    init() throws {
      folder = try TemporaryFolder()
      (kb, environment) = try folder.smallKnowledgeBase(environment: ["SAFETYKB_WATCH": "always"])
      let started = try run(["daemon", "start", "--kb", kb])
      #expect(started.status == 0, "\(started.stderr)")
      // The server loads first, then answers; until then a command answers by itself.
      let ready = ContinuousClock.now + .seconds(60)
      while answered == nil, ContinuousClock.now < ready { usleep(20_000) }
    }

    deinit { _ = try? run(["daemon", "stop", "--kb", kb]) }

    func run(_ arguments: [String], serve: Bool = true, extra: [String: String] = [:]) throws
      -> Binary.Run
    {
      var environment = environment.merging(extra) { $1 }
      if !serve { environment["SAFETYKB_SERVE"] = "never" }
      return try Binary.run(arguments, environment: environment)
    }

    /// The number `daemon status` gives for the queries answered.
    var answered: Int? {
      guard let line = try? run(["daemon", "status", "--kb", kb]).stdout,
        let range = line.range(of: "answering queries (")
      else { return nil }
      return Int(line[range.upperBound...].prefix { $0.isNumber })
    }
  }

  @Test func theDaemonAnswersAsTheCommandWould() throws {
    let daemon = try Daemon()
    #expect(
      try daemon.run([
        "searches", "save", "mine", "office:lancaster | sort date", "--kb", daemon.kb,
      ])
      .status == 0)
    let cases: [([String], [String: String])] = [
      (["query", "kind:lesson"], [:]),
      (["query", "--format", "json", "@mine"], [:]),
      (["query", "--format", "table", "learning organisation"], ["COLUMNS": "60"]),
      (["query", "--color", "always", "--format", "table", "? supervisors after a death"], [:]),
      (["query", "psycological"], [:]),
      (["query", "tag:just-culture AND"], [:]),
      (["query", "*", "|", "count", "by", "kind"], ["NO_COLOR": "1"]),
      (["show", "--color", "always", "learning-organization"], ["COLUMNS": "70"]),
      (["show", "no-such-entry"], [:]),
      (["explain", "office:lancaster grief"], [:]),
    ]
    let before = try #require(daemon.answered)
    for (words, extra) in cases {
      let arguments = [words[0], "--kb", daemon.kb] + words.dropFirst()
      let served = try daemon.run(arguments, extra: extra)
      let local = try daemon.run(arguments, serve: false, extra: extra)
      #expect(served.status == local.status, "\(words)")
      #expect(served.stdout == local.stdout, "\(words)")
      #expect(served.stderr == local.stderr, "\(words)")
    }
    #expect(daemon.answered == before + cases.count, "every query was answered by the daemon")

    try daemon.folder.write(
      "kb/lessons/zebra.md",
      Fixtures.entry(id: "zebra", title: "Zebra crossing", body: "Stripes on the road."))
    let served = try daemon.run(["query", "--kb", daemon.kb, "zebra | fields id"])
    #expect(served.stdout == "id\nzebra\n", "an edit just made is in the next answer")
    #expect(daemon.answered == before + cases.count + 1)
  }

  /// On a terminal the answer is drawn for that terminal: its width, its colours.
  @Test func aTerminalGetsTheTerminalsAnswer() throws {
    let daemon = try Daemon()
    func onTerminal(serve: Bool) throws -> String {
      var environment = daemon.environment
      environment["TERM"] = "xterm"
      environment["PATH"] = "/usr/bin:/bin"
      if !serve { environment["SAFETYKB_SERVE"] = "never" }
      let term = try PseudoTerminal(
        executable: Binary.path, arguments: ["query", "--kb", daemon.kb, "review"],
        environment: environment, rows: 30, columns: 72)
      #expect(try term.waitForExit(timeout: 60) == 0)
      return term.output
    }
    let before = try #require(daemon.answered)
    let served = try onTerminal(serve: true)
    #expect(daemon.answered == before + 1)
    #expect(served.contains("\u{1B}["), "colour on a terminal")
    #expect(served == (try onTerminal(serve: false)))
  }

  /// `| head -1` closes the pipe while the answer is written: the command ends quietly with 0,
  /// and the daemon answers the next query.
  @Test func aReaderThatStopsReadingEndsTheCommandQuietly() throws {
    let daemon = try Daemon()
    try daemon.folder.writeManyEntries(1500)
    let script = """
      set -o pipefail
      "$0" query --kb "$1" --format tsv '*' | head -1
      """
    var environment = daemon.environment
    environment["PATH"] = "/usr/bin:/bin"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", script, Binary.path, daemon.kb]
    process.environment = environment
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    let before = try #require(daemon.answered)
    try process.run()
    let printed = output.fileHandleForReading.readDataToEndOfFile()
    let complaint = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(String(decoding: complaint, as: UTF8.self))")
    #expect(String(decoding: printed, as: UTF8.self) == "id\tkind\tdate\ttitle\n")
    #expect(complaint.isEmpty)
    #expect(daemon.answered == before + 1)
    let next = try daemon.run(["query", "--kb", daemon.kb, "id:many-7 | fields id"])
    #expect(next.stdout == "id\nmany-7\n")
  }

  /// With the daemon stopped its socket is gone, and the command answers by itself.
  @Test func withoutTheDaemonTheCommandAnswers() throws {
    let daemon = try Daemon()
    #expect(try daemon.run(["daemon", "stop", "--kb", daemon.kb]).status == 0)
    let sockets = try FileManager.default.subpathsOfDirectory(atPath: daemon.folder.url("cache"))
      .filter { $0.hasSuffix("query.sock") }
    #expect(sockets.isEmpty)
    let local = try daemon.run(["query", "--kb", daemon.kb, "--format", "ids", "kind:practice"])
    #expect(local.status == 0)
    #expect(local.stdout == "supervisor-huddles\nsystemic-review\n")
  }
}
