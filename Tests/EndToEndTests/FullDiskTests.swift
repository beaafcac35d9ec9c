import Foundation
import TestSupport
import Testing

/// A full disk, simulated with a file-size limit (`ulimit -f`, SIGXFSZ ignored) on the binary:
/// the write fails with a clear message and the previous file is left as it was. (History and
/// the index cache are not on this branch yet; the saved-search store is the one file written.)
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
      "ulimit -f 1; trap '' XFSZ; exec \"$0\" searches save --kb \"$1\" --description \"$2\" second culture"
    let run = try Binary.run(
      ["-c", script, Binary.path, kb, description], environment: env, executable: "/bin/sh")
    #expect(run.status == 2)
    #expect(
      run.stderr
        == "error: cannot save: '\(store)': could not write: File too large; the previous file is unchanged\n"
    )
    #expect(try home.read("searches.yaml") == before)
    let names = try FileManager.default.contentsOfDirectory(atPath: home.path).sorted()
    #expect(names == ["searches.yaml", "searches.yaml.lock"], "no temporary file left behind")
  }
}
