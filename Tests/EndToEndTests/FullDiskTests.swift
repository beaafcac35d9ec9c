import Foundation
import TestSupport
import Testing

/// A full disk, simulated with a file-size limit (`ulimit -f`, SIGXFSZ ignored) on the binary:
/// the write fails with a clear message and the previous file is left as it was. (History on a
/// full disk is covered by the line editor's tests, through `/dev/full`.)
@Suite struct FullDiskTests {
  @Test func savingASearchOnAFullDiskKeepsThePreviousStore() throws {
    let home = try TemporaryFolder()
    let store = home.url("searches.yaml")
    let env = ["SAFETYKB_SEARCHES": store]
    let kb = FixturePaths.smallKB
    let first = try Binary.run(
      ["searches", "save", "--kb", kb, "first", "tag:supervision"], environment: env)
    #expect(first.status == 0, "\(first.stderr)")
    let before = try home.read("searches.yaml")

    let description = String(repeating: "x", count: 600)
    let script =
      "ulimit -f 1; trap '' XFSZ; exec \"$0\" searches save --no-cache --kb \"$1\" --description \"$2\" second culture"
    let run = try Binary.run(
      ["-c", script, Binary.path, kb, description], environment: env, executable: "/bin/sh")
    #expect(run.status == 2)
    #expect(
      run.stderr
        == "error: cannot save: '\(store)': could not write: file too large; the previous file is unchanged\n"
    )
    #expect(try home.read("searches.yaml") == before)
    let names = try FileManager.default.contentsOfDirectory(atPath: home.path).sorted()
    #expect(names == ["searches.yaml", "searches.yaml.lock"], "no temporary file left behind")
  }

  @Test func theCacheOnAFullDiskKeepsThePreviousCacheAndStillAnswers() throws {
    let kb = try TemporaryFolder(copying: FixturePaths.smallKB)
    let cache = try TemporaryFolder(prefix: "safetykb-cache")
    let env = ["XDG_CACHE_HOME": cache.path]
    let first = try Binary.run(["query", "--kb", kb.path, "* | count"], environment: env)
    #expect(first.status == 0 && first.stderr == "", "\(first.stderr)")
    let folder = cache.url("safetykb")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    // The entries cache's payload and blocks files, the index, and the file locked while the
    // index is built.
    #expect(files.count == 4, "\(files)")
    #expect(files.filter { $0.hasSuffix(".index.lock") }.count == 1, "\(files)")
    let before = try files.map { try cache.read("safetykb/" + $0) }

    // A new entry and a changed vocabulary make both cache files stale (the index cannot take
    // the new entry in as it stands: every entry depends on the vocabulary); under a 512-byte
    // file limit neither can be written.
    try kb.write("lessons/new.md", Fixtures.entry(title: "New", tags: ["supervision"]))
    let vocabulary = try String(contentsOfFile: kb.path + "/vocabulary.yaml", encoding: .utf8)
    try kb.write("vocabulary.yaml", vocabulary + "# Edited.\n")
    let script = "ulimit -f 1; trap '' XFSZ; exec \"$0\" query --kb \"$1\" '* | count'"
    let run = try Binary.run(
      ["-c", script, Binary.path, kb.path], environment: env, executable: "/bin/sh")
    #expect(run.status == 0)
    #expect(run.stdout == "count\n9\n")
    for name in files where !name.contains(".blocks-") && !name.hasSuffix(".lock") {
      #expect(
        run.stderr.contains(
          "warning: cannot write the cache '\(folder)/\(name)': file too large; the answer is not affected\n"
        ),
        "\(run.stderr)")
    }
    #expect(try files.map { try cache.read("safetykb/" + $0) } == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == files)
  }
}
