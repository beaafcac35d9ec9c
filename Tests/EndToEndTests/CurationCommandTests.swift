import Foundation
import TestSupport
import Testing

/// `safetykb tag`, `new` and `edit` on a copy of the fixture knowledge base, byte for byte.
@Suite struct CurationCommandTests {
  /// A copy of the small fixture knowledge base in a temporary folder, and a cache of its own.
  static func copy() throws -> (TemporaryFolder, String, [String: String]) {
    let folder = try TemporaryFolder()
    let kb = folder.url("kb")
    try FileManager.default.copyItem(atPath: FixturePaths.smallKB, toPath: kb)
    return (folder, kb, ["XDG_CACHE_HOME": folder.url("cache")])
  }

  static func files(_ kb: String) throws -> [String: [UInt8]] {
    var out: [String: [UInt8]] = [:]
    for path in try FileManager.default.subpathsOfDirectory(atPath: kb).sorted()
    where path.hasSuffix(".md") || path.hasSuffix(".yaml") {
      out[path] = Array(try Data(contentsOf: URL(fileURLWithPath: kb + "/" + path)))
    }
    return out
  }

  @Test func tagChangesOnlyTheTaggedLinesOfTheFilesTheQueryFinds() throws {
    let (folder, kb, env) = try Self.copy()
    // One file with a byte order mark and CRLF line ends, one with a block list and comments.
    let crlf =
      "\u{FEFF}"
      + (folder.text("kb/lessons/lancaster-grief.md") ?? "")
      .replacingOccurrences(of: "\n", with: "\r\n")
    try folder.write("kb/lessons/lancaster-grief.md", crlf)
    try folder.write(
      "kb/lessons/lancaster-resources.md",
      """
      ---
      # resources after the tragedy
      title: 'Lancaster: advocating for resources'
      kind: lesson
      tags:
        - critical-incident-review   # the review came first
      offices: [la-dcfs/regional/lancaster]
      outcomes: [child-welfare/safety]
      date: 2019-11-02
      sources:
        - title: A public source
          url: https://example.org/lancaster-resources
      ---
      Body: tags: [not, these].

      """)
    let before = try Self.files(kb)
    let dry = try Binary.run(
      ["tag", "--kb", kb, "--dry-run", "+just-culture", "--", "office:lancaster"], environment: env)
    #expect(dry.status == 0, "\(dry.stderr)")
    #expect(dry.stdout.contains("+  - just-culture\n"))
    #expect(dry.stdout.contains("-tags: [supervision]\n+tags: [supervision, just-culture]\n"))
    #expect(dry.stdout.hasSuffix("would change 2 files\n"))
    #expect(try Self.files(kb) == before, "a dry run wrote something")

    let run = try Binary.run(
      ["tag", "--kb", kb, "+just-culture", "--", "office:lancaster"], environment: env)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "changed 2 files\n")
    var expected = before
    expected["lessons/lancaster-grief.md"] = Array(
      crlf.replacingOccurrences(
        of: "tags: [supervision]\r\n", with: "tags: [supervision, just-culture]\r\n"
      ).utf8)
    expected["lessons/lancaster-resources.md"] = Array(
      String(decoding: before["lessons/lancaster-resources.md"]!, as: UTF8.self)
        .replacingOccurrences(
          of: "   # the review came first\n",
          with: "   # the review came first\n  - just-culture\n"
        ).utf8)
    #expect(try Self.files(kb) == expected)

    let again = try Binary.run(
      ["tag", "--kb", kb, "+just-culture", "--", "office:lancaster"], environment: env)
    #expect(again.stdout == "changed 0 files (2 files already as asked)\n")
    let found = try Binary.run(
      ["query", "--kb", kb, "--format", "ids", "tag:just-culture office:lancaster"],
      environment: env)
    #expect(found.stdout == "lancaster-resources\nlancaster-grief\n")
  }

  @Test func tagRefusesAValueNotInTheVocabulary() throws {
    let (folder, kb, env) = try Self.copy()
    defer { withExtendedLifetime(folder) {} }
    let before = try Self.files(kb)
    let run = try Binary.run(["tag", "--kb", kb, "+supervison", "--", "*"], environment: env)
    #expect(run.status == 2)
    #expect(
      run.stderr
        == "error: tag 'supervison' is not in the vocabulary; did you mean 'supervision'?\n")
    #expect(try Self.files(kb) == before)
    let none = try Binary.run(
      ["tag", "--kb", kb, "+supervision", "--", "nothingmatches"],
      environment: env)
    #expect(none.status == 1)
    let usage = try Binary.run(["tag", "--kb", kb, "+supervision", "*"], environment: env)
    #expect(usage.status == 2)
  }

  /// A scripted editor: fills in the template's source, a tag, an office and an outcome.
  static func editor(in folder: TemporaryFolder) throws -> String {
    let path = try folder.write(
      "editor.sh",
      """
      #!/bin/sh
      sed -i -e 's/^  - title:$/  - title: A source/' -e 's|^    url:$|    url: https://example.org/x|' \\
        -e 's/^tags: \\[\\]/tags: [supervision]/' "$1"
      echo "$1" >> "$(dirname "$0")/opened"

      """)
    chmod(path, 0o755)
    return path
  }

  @Test func newWritesTheTemplateRunsTheEditorAndChecksTheFile() throws {
    let (folder, kb, env) = try Self.copy()
    var withEditor = env
    withEditor["EDITOR"] = try Self.editor(in: folder)
    withEditor["VISUAL"] = ""
    let run = try Binary.run(
      ["new", "--kb", kb, "lesson", "Café", "staff", "huddles"],
      environment: withEditor)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "created \(kb)/lessons/cafe-staff-huddles.md\n")
    let text = try #require(folder.text("kb/lessons/cafe-staff-huddles.md"))
    #expect(text.hasPrefix("---\ntitle: Café staff huddles\nkind: lesson\nsummary:\n"))
    #expect(text.contains("tags: [supervision]\n"))
    #expect(
      text.hasSuffix(
        "---\n## What happened\n\n## What was learned\n\n## What to do\n\n## Evidence and limits\n\n"
      ))
    // The editor saw a hidden copy, never the file itself; nothing is left behind.
    let opened = folder.text("opened") ?? ""
    #expect(opened.contains("/lessons/.cafe-staff-huddles."))
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: kb + "/lessons")
        .filter { $0.hasPrefix(".") }.isEmpty)
    let again = try Binary.run(
      ["new", "--kb", kb, "lesson", "Café staff huddles"],
      environment: withEditor)
    #expect(again.status == 2)
    #expect(
      again.stderr
        == "error: an entry with id 'cafe-staff-huddles' exists already: \(kb)/lessons/cafe-staff-huddles.md\n"
    )
  }

  @Test func withoutATerminalAFileWithProblemsIsKeptAndReported() throws {
    let (folder, kb, env) = try Self.copy()
    defer { withExtendedLifetime(folder) {} }
    var unchanged = env
    unchanged["EDITOR"] = "true"
    let run = try Binary.run(["new", "--kb", kb, "practice", "Left as is"], environment: unchanged)
    #expect(run.status == 1)
    #expect(run.stdout == "created \(kb)/practices/left-as-is.md\n")
    #expect(run.stderr == "\(kb)/practices/left-as-is.md:18:1: error: source 1 has no title\n")
    let template = try Binary.run(
      ["new", "--kb", kb, "--no-edit", "principle", "Only the template"],
      environment: env)
    #expect(template.status == 0)
    #expect(template.stdout == "\(kb)/principles/only-the-template.md\n")
    let unknown = try Binary.run(["new", "--kb", kb, "--no-edit", "lesons", "X"], environment: env)
    #expect(
      unknown.stderr
        == "error: unknown kind 'lesons'; expected one of principle, practice, lesson; did you mean 'lesson'?\n"
    )
  }

  @Test func editReplacesTheFileWholeAfterTheEditorAndChecksIt() throws {
    let (folder, kb, env) = try Self.copy()
    var withEditor = env
    withEditor["EDITOR"] = "sed -i -e 's/^kind: lesson$/kind: lesson\\nvalence: positive/'"
    let run = try Binary.run(["edit", "--kb", kb, "lancaster-grief"], environment: withEditor)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "saved \(kb)/lessons/lancaster-grief.md\n")
    #expect(
      folder.text("kb/lessons/lancaster-grief.md")?.contains("kind: lesson\nvalence: positive\n")
        == true)
    withEditor["EDITOR"] = "true"
    let untouched = try Binary.run(
      ["edit", "--kb", kb, "lancaster-grief"], environment: withEditor)
    #expect(untouched.stdout == "no changes to \(kb)/lessons/lancaster-grief.md\n")
    withEditor["EDITOR"] = "sed -i -e 's/^tags: .*$/tags: [nope]/'"
    let broken = try Binary.run(["edit", "--kb", kb, "lancaster-grief"], environment: withEditor)
    #expect(broken.status == 1)
    #expect(broken.stderr.contains("lessons/lancaster-grief.md:5:8: error: unknown tag 'nope'"))
  }
}
