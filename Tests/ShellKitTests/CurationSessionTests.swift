import Foundation
import KnowledgeModel
import Rendering
import ShellKit
import TestSupport
import Testing

/// A port that really runs commands (the editor), recording the rest like `Transcript`.
final class RunningPort: OutputPort {
  var text = ""
  func write(_ content: ByteSink) { text += content.text }
  func writeError(_ lines: String) {
    for line in lines.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
      text += "2> \(line)\n"
    }
  }
  func run(_ command: String, input: ByteSink?) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    try? process.run()
    process.waitUntilExit()
    text += "(editor exited \(process.terminationStatus))\n"
    return process.terminationStatus == 0
  }
}

/// Lines and replies given in advance: each prompt of a question takes the next reply.
struct RepliesSource: LineSource {
  var lines: [String]
  var replies: [String]
  var port: RunningPort

  mutating func read(prompt: String) -> LineInput {
    if !prompt.isEmpty {
      guard !replies.isEmpty else { return .end }
      port.text += "? \(prompt)\(replies[0])\n"
      return .line(replies.removeFirst())
    }
    guard !lines.isEmpty else { return .end }
    port.text += "> \(lines[0])\n"
    return .line(lines.removeFirst())
  }
}

/// `.tag`, `.new` and `.edit` in a shell session, with questions answered and a scripted editor.
@Suite struct CurationSessionTests {
  static func session(_ folder: TemporaryFolder) throws -> Session {
    let kb = folder.url("kb")
    try FileManager.default.copyItem(atPath: FixturePaths.smallKB, toPath: kb)
    return Session(knowledgeBase: try Loader.load(kb), path: kb, searches: nil)
  }

  static func run(_ session: Session, _ lines: [String], replies: [String] = []) -> String {
    let port = RunningPort()
    var source = RepliesSource(lines: lines, replies: replies, port: port)
    var out = port
    _ = SessionLoop(session: session, presenter: Presenter(options: .plain), policy: .scripted)
      .run(from: &source, to: &out)
    return port.text
  }

  @Test func tagAsksBeforeChangingMoreThanAScreenful() throws {
    let folder = try TemporaryFolder()
    let session = try Self.session(folder)
    session.screenRows = 3
    let text = Self.run(
      session, [".tag +just-culture -- kind:lesson", ".tag +just-culture -- kind:lesson"],
      replies: ["n", "y"])
    #expect(
      text == """
        > .tag +just-culture -- kind:lesson
        ? change 3 files? (.tag --dry-run shows the diff) [y/N] n
        nothing changed
        > .tag +just-culture -- kind:lesson
        ? change 3 files? (.tag --dry-run shows the diff) [y/N] y
        changed 3 files (1 file already as asked)

        """)
    #expect(session.output("tag:just-culture kind:lesson | count") == "count\n4\n")
  }

  @Test func newOffersToEditAgainKeepOrDiscard() throws {
    let folder = try TemporaryFolder()
    let session = try Self.session(folder)
    // The first run leaves the template as it is; the second fills in the source.
    session.editorCommand =
      "f() { if [ -e \(folder.path)/once ]; then sed -i -e 's/^  - title:$/  - title: S/' \"$1\"; fi; touch \(folder.path)/once; }; f"
    let text = Self.run(session, [".new lesson A new lesson", "id:a-new-lesson"], replies: ["e"])
      .replacingOccurrences(of: folder.path, with: "$TMP")
    #expect(
      text == """
        > .new lesson A new lesson
        (editor exited 0)
        2> $TMP/kb/lessons/a-new-lesson.md:18:1: error: source 1 has no title
        ? 1 problem: (e)dit again, (k)eep as it is, or (d)iscard? [E/k/d] e
        (editor exited 0)
        created $TMP/kb/lessons/a-new-lesson.md
        > id:a-new-lesson
        id\tkind\tdate\ttitle
        a-new-lesson\tlesson\t\tA new lesson

        """)
  }

  @Test func discardLeavesNothingBehind() throws {
    let folder = try TemporaryFolder()
    let session = try Self.session(folder)
    session.editorCommand = "true"
    let text = Self.run(session, [".new lesson Gone", ".edit just-culture"], replies: ["d"])
      .replacingOccurrences(of: folder.path, with: "$TMP")
    #expect(
      text.contains(
        "? 1 problem: (e)dit again, (k)eep as it is, or (d)iscard? [E/k/d] d\nno entry created\n"))
    #expect(text.hasSuffix("no changes to $TMP/kb/principles/just-culture.md\n"))
    let left = try FileManager.default.subpathsOfDirectory(atPath: folder.url("kb"))
    #expect(!left.contains { $0.contains("/.") || $0.contains("gone") })
  }
}
