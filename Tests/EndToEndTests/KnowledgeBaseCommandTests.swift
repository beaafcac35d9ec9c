import Foundation
import TestSupport
import Testing

@Suite struct KnowledgeBaseCommandTests {
  @Test func theBundledKnowledgeBaseChecksCleanUnderStrict() throws {
    let run = try Binary.run(["check", "--strict", "--kb", Binary.repositoryKnowledge])
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    #expect(run.stdout.hasSuffix(" 0 errors, 0 warnings\n"))
  }

  @Test func findsTheBundledKnowledgeBaseFromAnotherDirectory() throws {
    let elsewhere = try TemporaryFolder()
    let run = try Binary.run(["check"], in: elsewhere.path)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains(" entries, 0 errors"))
    #expect(!run.stdout.contains(elsewhere.path))
  }

  @Test func prefersTheFlagThenTheEnvironmentThenTheWorkingDirectory() throws {
    let a = try TemporaryFolder()
    try a.write("one.md", "---\ntitle: One\n---\nbody")
    let b = try TemporaryFolder()
    try b.write("one.md", "---\ntitle: One\n---\nbody")
    try b.write("two.md", "---\ntitle: Two\n---\nbody")
    let cwd = try TemporaryFolder()
    try cwd.write("knowledge/vocabulary.yaml", Fixtures.vocabulary)
    let viaFlag = try Binary.run(
      ["check", "--kb", a.path], environment: ["SAFETYKB_KB": b.path], in: cwd.path)
    #expect(viaFlag.stdout.hasPrefix("1 entry") || viaFlag.stdout.contains("\n1 entry"))
    let viaEnv = try Binary.run(["check"], environment: ["SAFETYKB_KB": b.path], in: cwd.path)
    #expect(viaEnv.stdout.contains("2 entries"))
    let viaCwd = try Binary.run(["check"], in: cwd.path)
    #expect(viaCwd.stdout.contains("0 entries"))
  }

  @Test func checkExitsOneOnErrorsAndTwoOnUsageErrors() throws {
    let broken = try TemporaryFolder()
    try broken.write("a.md", "---\ntitle: [x\n---\n")
    let run = try Binary.run(["check", "--kb", broken.path])
    #expect(run.status == 1)
    #expect(
      run.stdout
        == "\(broken.path)/a.md:3:1: error: invalid YAML: did not find expected ',' or ']' while parsing a flow sequence\n0 entries, 1 error, 0 warnings\n"
    )
    let missing = try Binary.run(["check", "--kb", "/nonexistent/kb"])
    #expect(missing.status == 2)
    #expect(missing.stderr == "error: no knowledge base at '/nonexistent/kb': no such folder\n")
    let usage = try Binary.run(["check", "--bogus"])
    #expect(usage.status == 2)
    #expect(usage.stderr.hasPrefix("Error: Unknown option '--bogus'"))
  }

  @Test func strictTurnsWarningsIntoFailure() throws {
    let kb = try TemporaryFolder()
    try kb.write("a.md", "---\ntitle: No sources\n---\nbody")
    #expect(try Binary.run(["check", "--kb", kb.path]).status == 0)
    let strict = try Binary.run(["check", "--strict", "--kb", kb.path])
    #expect(strict.status == 1)
    #expect(
      strict.stdout
        == "\(kb.path)/a.md:1:1: warning: entry has no sources\n1 entry, 0 errors, 1 warning\n")
  }

  @Test func showPrintsAnEntryAndSuggestsNearIds() throws {
    let kb = try TemporaryFolder()
    try kb.write("vocabulary.yaml", Fixtures.vocabulary)
    try kb.write(
      "lessons/listen-first.md", Fixtures.entry(title: "Listen first", body: "Hear the story.\n"))
    let run = try Binary.run(["show", "listen-first", "--kb", kb.path, "--format", "json"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("\"title\": \"Listen first\""))
    let wrong = try Binary.run(["show", "listen-frist", "--kb", kb.path])
    #expect(wrong.status == 2)
    #expect(wrong.stderr == "error: no entry has id 'listen-frist'; did you mean 'listen-first'?\n")
  }

  @Test func vocabCountsEntriesPerValue() throws {
    let kb = try TemporaryFolder()
    try kb.write("vocabulary.yaml", Fixtures.vocabulary)
    try kb.write("lessons/a.md", Fixtures.entry(title: "A"))
    let run = try Binary.run(["vocab", "offices", "--kb", kb.path])
    #expect(
      run.stdout == """
        office\tlabel\tentries\tdescription
        la-dcfs\tLA DCFS (also dcfs)\t1\tThe department.
        la-dcfs/regional\tRegional offices\t1\tThe regional offices.
        la-dcfs/regional/lancaster\tLancaster\t1\tThe Lancaster office.

        """)
  }
}

@Suite struct InstalledLayoutTests {
  /// `make install` puts the binary in PREFIX/bin and the knowledge base in
  /// PREFIX/share/safetykb/knowledge; the binary then finds it from any folder, with no flag.
  @Test func anInstalledBinaryFindsItsKnowledgeBase() throws {
    let prefix = try TemporaryFolder()
    try FileManager.default.createDirectory(
      atPath: prefix.url("bin"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      atPath: prefix.url("share/safetykb"), withIntermediateDirectories: true)
    try Self.install(Binary.path, at: prefix.url("bin/safetykb"))
    try FileManager.default.copyItem(
      atPath: FixturePaths.smallKB, toPath: prefix.url("share/safetykb/knowledge"))
    let elsewhere = try TemporaryFolder()
    let run = try Binary.run(
      ["query", "* | count"], in: elsewhere.path, executable: prefix.url("bin/safetykb"))
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "count\n8\n")
  }

  /// Puts the binary at `target` with no descriptor open for writing it that a child could
  /// inherit: a child another test forks while a copy is being written would keep the file
  /// "busy" (ETXTBSY) and the binary could not be run. A hard link where the file system
  /// allows it; else a copy written through a close-on-exec descriptor.
  static func install(_ source: String, at target: String) throws {
    if link(source, target) == 0 { return }
    let bytes = try Data(contentsOf: URL(fileURLWithPath: source))
    let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
    guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    try handle.write(contentsOf: bytes)
    try handle.close()
  }
}
