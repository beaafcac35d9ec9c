import Foundation
import TestSupport
import Testing

/// A pipe that feeds the shell queries over time sees the files that changed in between.
@Suite struct LiveReloadEndToEndTests {
  @Test func aBatchShellSeesFilesChangedBetweenItsLines() throws {
    let folder = try TemporaryFolder()
    try folder.write("kb/a.md", "---\ntitle: Alpha\n---\nbody\n")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Binary.path)
    process.arguments = ["--kb", folder.url("kb")]
    process.environment = [
      "HOME": folder.path, "XDG_CACHE_HOME": folder.url("cache"), "PATH": "/usr/bin:/bin",
    ]
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    func send(_ line: String) {
      input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }
    /// Reads standard output up to and including `marker`'s line.
    func read(until marker: String) -> String {
      var text = ""
      while !text.contains(marker + "\n") {
        let chunk = output.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        text += String(decoding: chunk, as: UTF8.self)
      }
      return text
    }
    send("* | fields title")
    send(".format")
    let first = read(until: "format: auto (tsv here)")
    try folder.write("kb/b.md", "---\ntitle: Beta\n---\nbody\n")
    send("* | fields title")
    input.fileHandleForWriting.closeFile()
    let second = read(until: "Beta")
    process.waitUntilExit()
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(first == "title\nAlpha\nformat: auto (tsv here)\n")
    #expect(second == "title\nAlpha\nBeta\n")
    #expect(stderr == "stdin:3: (reloaded 1 changed entry)\n")
    #expect(process.terminationStatus == 0)
  }
}
