import CSocket
import Foundation
import KnowledgeModel
import Rendering
import Synchronization
import TestSupport
import Testing

@testable import Console

/// The query server in this process, asked through its socket with files for the command's
/// streams, its answers held against those of the program answering by itself.
@Suite(.timeLimit(.minutes(2))) struct QueryServerTests {
  /// A knowledge base (a copy of the small fixture), a cache, and a server over them.
  final class Setting {
    let folder: TemporaryFolder
    let kb: String
    let cache: CacheLocation
    let state: String
    let server: QueryServer
    let environment: [String: String]

    init() throws {
      folder = try TemporaryFolder()
      (kb, environment) = try folder.smallKnowledgeBase(environment: [
        "TERM": "xterm", "SAFETYKB_WATCH": "never",
      ])
      cache = CacheLocation(directory: folder.url("cache/safetykb"))
      state = cache.watchFolder(forRoot: kb)
      try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
      server = QueryServer(root: kb, state: state, cache: cache)
      #expect(server.start())
      // Once it has loaded, it answers a status request (until then a command would answer by
      // itself, as it should; these tests are about the answers).
      let ready = ContinuousClock.now + .seconds(60)
      while answered == nil, ContinuousClock.now < ready { usleep(10_000) }
    }

    deinit { server.stop() }

    /// The request the program would send for `query`.
    func request(_ query: String, format: Format? = nil, color: ColorChoice = .auto)
      -> QueryRequest
    {
      QueryRequest(
        kind: .query, root: CacheLocation.absolute(kb), query: query, format: format,
        color: color, environment: environment)
    }

    /// Asks the server, the command's output and error going to files; what it wrote.
    func ask(_ request: QueryRequest) throws -> (
      answer: QueryClient.Answer, stdout: String, stderr: String
    ) {
      let input = open("/dev/null", O_RDONLY)
      let output = open(folder.url("out"), O_WRONLY | O_CREAT | O_TRUNC, 0o600)
      let error = open(folder.url("err"), O_WRONLY | O_CREAT | O_TRUNC, 0o600)
      defer { [input, output, error].forEach { close($0) } }
      let answer = QueryClient.ask(request, state: state, streams: [input, output, error])
      return (answer, folder.text("out") ?? "", folder.text("err") ?? "")
    }

    /// The program's own answer, without a server.
    func local(_ arguments: [String], command: String = "query") throws -> Binary.Run {
      var environment = environment
      environment["SAFETYKB_SERVE"] = "never"
      return try Binary.run([command, "--kb", kb] + arguments, environment: environment)
    }

    var answered: Int? { QueryClient.answeredCount(root: kb, state: state) }

    /// Expects the served answer to `request` to be the program's own to `command arguments`.
    func expectSameAnswer(
      _ request: QueryRequest, as arguments: [String], command: String = "query",
      note: String = "", sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
      let served = try ask(request)
      let local = try self.local(arguments, command: command)
      let note = Comment(rawValue: "\(command) \(arguments) \(note)")
      #expect(served.answer == .answered(local.status), note, sourceLocation: sourceLocation)
      #expect(served.stdout == local.stdout, note, sourceLocation: sourceLocation)
      #expect(served.stderr == local.stderr, note, sourceLocation: sourceLocation)
    }
  }

  @Test func everyAnswerIsTheOneTheCommandGivesByItself() throws {
    let setting = try Setting()
    let cases: [(String, Format?, ColorChoice)] = [
      ("kind:lesson", nil, .auto),
      ("office:lancaster | fields id, title", .json, .auto),
      ("learning organisation", .table, .always),
      ("? how do supervisors support staff after a death | limit 2", .table, .never),
      ("* | count by tag", .csv, .auto),
      ("@lancaster-lessons", .ids, .auto),
      ("@office-lessons(lancaster) | sort date desc", .jsonl, .auto),
      ("psycological", nil, .auto),
      ("tag:just-culture AND", nil, .auto),
      ("@nobody-saved-this", nil, .auto),
      ("similar:learning-organization | limit 2", .markdown, .auto),
    ]
    for (query, format, color) in cases {
      let arguments =
        (format.map { ["--format", $0.rawValue] } ?? []) + ["--color", color.rawValue, query]
      try setting.expectSameAnswer(
        setting.request(query, format: format, color: color), as: arguments)
    }
    #expect(setting.answered == cases.count)
  }

  @Test func showAndExplainAreAnsweredAsTheCommandsWould() throws {
    let setting = try Setting()
    func request(_ kind: QueryRequest.Kind) -> QueryRequest {
      var request = setting.request("")
      request.kind = kind
      return request
    }
    var cases: [(QueryRequest, String, [String])] = []
    var show = request(.show)
    show.ids = ["learning-organization"]
    cases.append((show, "show", ["learning-organization"]))
    show.ids = ["supervisor-huddles", "systemic-review"]
    show.style = .json
    cases.append((show, "show", ["--format", "json", "supervisor-huddles", "systemic-review"]))
    show.ids = ["learning-organisation"]
    show.style = .markdown
    show.color = .always
    cases.append(
      (show, "show", ["--format", "markdown", "--color", "always", "learning-organisation"]))
    var explain = request(.explain)
    explain.query = "office:lancaster (grief OR resources) -kind:practice"
    cases.append((explain, "explain", [explain.query]))
    explain.query = "tag:just-culture AND"
    cases.append((explain, "explain", [explain.query]))
    for (request, command, arguments) in cases {
      try setting.expectSameAnswer(request, as: arguments, command: command)
    }
    #expect(setting.answered == cases.count)
  }

  @Test func filesChangedBetweenQuestionsAreTakenIn() throws {
    let setting = try Setting()
    func same(_ query: String, _ note: String) throws {
      try setting.expectSameAnswer(
        setting.request(query, format: .tsv), as: ["--format", "tsv", query], note: note)
    }
    try same("zebra | fields id", "before")
    try setting.folder.write(
      "kb/lessons/zebra.md",
      Fixtures.entry(id: "zebra", title: "Zebra crossing", body: "Stripes on the road."))
    try same("zebra | fields id", "added")
    #expect(try setting.ask(setting.request("zebra | fields id")).stdout == "id\nzebra\n")
    try setting.folder.write(
      "kb/lessons/zebra.md", Fixtures.entry(id: "zebra", title: "Okapi", body: "Stripes."))
    try same("okapi OR zebra | fields id, title", "edited")
    try FileManager.default.removeItem(atPath: setting.folder.url("kb/lessons/zebra.md"))
    try same("stripes", "removed")
    // A new thesaurus entry in the vocabulary: everything is read again.
    let vocabulary = try #require(setting.folder.text("kb/vocabulary.yaml"))
    try setting.folder.write(
      "kb/vocabulary.yaml", vocabulary + "\n# edited by the test\n")
    try same("* | count by kind", "vocabulary")
  }

  @Test func whatItCannotAnswerItDeclinesWithoutWritingAWord() throws {
    let setting = try Setting()
    var other = setting.request("*")
    other.root = setting.folder.url("elsewhere")
    let declined = try setting.ask(other)
    #expect(declined.answer == .notServed)
    #expect(declined.stdout.isEmpty && declined.stderr.isEmpty)

    // Garbage, then a request from a newer program: declined, and the server goes on.
    for body in [Array("hello\n".utf8), versioned(setting.request("*"), as: 99)] {
      let connection = try #require(connect(setting.state))
      defer { connection.close() }
      var message = body
      if body.first == UInt8(ascii: "h") {
        message = [UInt8(body.count), 0, 0, 0] + body
      }
      #expect(connection.send(message))
      let reply = connection.readLine(until: .now + .seconds(20))
      #expect(reply?.hasPrefix("declined: ") == true, "\(reply ?? "nothing")")
    }
    // A length over the limit is not read at all.
    let big = try #require(connect(setting.state))
    #expect(big.send([0xff, 0xff, 0xff, 0x7f]))
    #expect(big.readLine(until: .now + .seconds(20)) == nil)
    big.close()

    // A command that stopped waiting before it confirmed: nothing is written on its streams.
    let output = open(setting.folder.url("late"), O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let connection = try #require(connect(setting.state))
    #expect(connection.send(setting.request("*").encoded(), fds: [output, output, output]))
    close(output)
    #expect(connection.readLine(until: .now + .seconds(20)) == "accepted")
    connection.close()
    let next = try setting.ask(setting.request("kind:lesson | count", format: .tsv))
    #expect(next.answer == .answered(0))
    #expect(setting.folder.text("late") == "")
    #expect(setting.answered == 1)

    // The knowledge base gone after the server loaded it: declined after `go`, still before a
    // byte is written, and the command answers (with its own error).
    try FileManager.default.moveItem(atPath: setting.kb, toPath: setting.folder.url("moved"))
    let gone = try setting.ask(setting.request("kind:lesson"))
    #expect(gone.answer == .notServed)
    #expect(gone.stdout.isEmpty && gone.stderr.isEmpty)
    #expect(setting.answered == 1)
  }

  @Test func aClosedOutputEndsTheAnswerQuietly() throws {
    let setting = try Setting()
    try setting.folder.writeManyEntries(1500)
    var fds: [Int32] = [-1, -1]
    #expect(pipe(&fds) == 0)
    let input = open("/dev/null", O_RDONLY)
    let error = open(setting.folder.url("err"), O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    // The reader takes one read and goes, as `| head -1` does, while the answer is written.
    let reader = Thread { [fds] in
      var buffer = [UInt8](repeating: 0, count: 512)
      _ = read(fds[0], &buffer, buffer.count)
      close(fds[0])
    }
    reader.start()
    let answer = QueryClient.ask(
      setting.request("*", format: .tsv), state: setting.state, streams: [input, fds[1], error])
    [input, fds[1], error].forEach { close($0) }
    #expect(answer == .answered(0))
    #expect(setting.folder.text("err") == "")
    let next = try setting.ask(setting.request("id:many-7 | fields id", format: .tsv))
    #expect(next.stdout == "id\nmany-7\n")
  }

  /// A command of another build is declined, and the daemon is told to make way.
  @Test func anotherBuildIsDeclinedAndTheDaemonMakesWay() throws {
    let setting = try Setting()
    let asked = Mutex(0)
    setting.server.newerProgramAsked = { asked.withLock { $0 += 1 } }
    #expect(QueryService.program.hasPrefix("build "), "\(QueryService.program)")
    #expect(QueryService.program.count >= "build ".count + 32)
    var request = setting.request("kind:lesson")
    request.program = "build 0123"
    let other = try setting.ask(request)
    #expect(other.answer == .notServed)
    #expect(other.stdout.isEmpty && other.stderr.isEmpty)
    #expect(asked.withLock { $0 } == 1)
    #expect(try setting.ask(setting.request("kind:lesson")).answer == .answered(0))
    #expect(asked.withLock { $0 } == 1)
  }

  @Test func aStoppedServerLeavesNoSocket() throws {
    let setting = try Setting()
    #expect(FileManager.default.fileExists(atPath: setting.state + "/query.sock"))
    setting.server.stop()
    #expect(!FileManager.default.fileExists(atPath: setting.state + "/query.sock"))
    #expect(try setting.ask(setting.request("*")).answer == .notServed)
    #expect(setting.answered == nil)
  }

  @Test func requestsSurviveTheirEncodingAndNothingElseDecodes() throws {
    let request = QueryRequest(
      kind: .query, root: "/kb/é", query: "tag:x | limit 2", format: .json, color: .never,
      ids: ["a", "b"], style: .markdown,
      environment: ["A": "1", "PATH": "/bin:/usr/bin", "EMPTY": ""])
    let message = request.encoded()
    #expect(QueryRequest.length(of: message.prefix(4)) == message.count - 4)
    let body = Array(message.dropFirst(4))
    #expect(QueryRequest.decode(body) == request)
    for cut in 0..<body.count { #expect(QueryRequest.decode(Array(body.prefix(cut))) == nil) }
    #expect(QueryRequest.decode(body + [0]) == nil)
    for other in [QueryRequest.version - 1, QueryRequest.version + 1] {
      #expect(QueryRequest.decode(Array(versioned(request, as: UInt8(other)).dropFirst(4))) == nil)
    }
    var generator = SeededGenerator(state: 42)
    for _ in 0..<2000 {
      var damaged = body
      damaged[Int(generator.next() % UInt64(damaged.count))] = UInt8(
        truncatingIfNeeded: generator.next())
      if let decoded = QueryRequest.decode(damaged) { #expect(decoded.encoded().count > 4) }
    }
  }
}

/// The message of `request` with another version number (the version is the byte after the
/// magic: one byte for a small number).
private func versioned(_ request: QueryRequest, as version: UInt8) -> [UInt8] {
  var message = request.encoded()
  message[4 + QueryRequest.magic.count] = version
  return message
}

private func connect(_ state: String) -> ServiceConnection? {
  let fd = ServiceSocket.withPath(state: state) { skb_connect_unix($0) }
  return fd >= 0 ? ServiceConnection(fd: fd) : nil
}

/// The watch on a command's connection while its answer is made.
@Suite(.timeLimit(.minutes(1))) struct HangUpWatchTests {
  /// A connected pair of Unix sockets: the server's end and the command's.
  private func pair() throws -> (server: Int32, command: Int32) {
    var fds: [Int32] = [-1, -1]
    try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
    return (fds[0], fds[1])
  }

  @Test func aCommandGoneWhileItsAnswerRunsOnIsGivenUp() throws {
    let (server, command) = try pair()
    defer { close(server) }
    let abandoned = Mutex(0)
    let watch = try #require(
      HangUpWatch(connection: server, grace: .milliseconds(50)) {
        abandoned.withLock { $0 += 1 }
      })
    close(command)
    let deadline = ContinuousClock.now + .seconds(30)
    while abandoned.withLock({ $0 }) == 0, ContinuousClock.now < deadline { usleep(5_000) }
    watch.finish()
    #expect(abandoned.withLock { $0 } == 1)
  }

  @Test func anAnswerFinishedInTimeOrACommandStillThereIsNot() throws {
    let abandoned = Mutex(0)
    // The command stays: the answer finishes long after the grace would have run out.
    let (server, command) = try pair()
    let watch = try #require(
      HangUpWatch(connection: server, grace: .milliseconds(10)) {
        abandoned.withLock { $0 += 1 }
      })
    usleep(100_000)
    watch.finish()
    // The command goes, but the answer finishes within the grace.
    let (server2, command2) = try pair()
    let watch2 = try #require(
      HangUpWatch(connection: server2, grace: .seconds(30)) {
        abandoned.withLock { $0 += 1 }
      })
    close(command2)
    usleep(50_000)
    watch2.finish()
    [server, command, server2].forEach { close($0) }
    #expect(abandoned.withLock { $0 } == 0)
  }
}
