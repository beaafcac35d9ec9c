import Foundation

/// Runs the built `safetykb` binary as a user would, for end-to-end tests.
public enum Binary {
  /// The result of one run.
  public struct Run: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
  }

  /// `safetykb` beside the test bundle (SwiftPM puts both in the same build folder).
  public static var path: String {
    let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var dir = exe.deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = dir.appendingPathComponent("safetykb").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      dir.deleteLastPathComponent()
    }
    return exe.deletingLastPathComponent().appendingPathComponent("safetykb").path
  }

  /// The repository's own bundled knowledge base.
  public static var repositoryKnowledge: String {
    var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while dir.path != "/" {
      if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
        return dir.appendingPathComponent("knowledge").path
      }
      dir.deleteLastPathComponent()
    }
    return "knowledge"
  }

  /// Runs `safetykb` with arguments, standard input, extra environment and working directory.
  /// The environment is cleaned of variables that would change the result (SAFETYKB_*, NO_COLOR,
  /// XDG folders), and HOME points at a fresh folder unless given.
  public static func run(
    _ arguments: [String], stdin: String = "", environment: [String: String] = [:],
    in directory: String? = nil, executable: String? = nil
  ) throws -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable ?? path)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment.filter {
      !$0.key.hasPrefix("SAFETYKB_") && !$0.key.hasPrefix("XDG_") && $0.key != "NO_COLOR"
    }
    // A fresh home of its own unless given, removed when the run ends (the binary may write
    // its cache and history there).
    let home = NSTemporaryDirectory() + "safetykb-home-\(UUID().uuidString)"
    env["HOME"] = home
    defer { try? FileManager.default.removeItem(atPath: home) }
    env["TERM"] = "xterm"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let input = Pipe()
    let output = Pipe()
    let error = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    // Read both streams at once so a full pipe never blocks the child.
    nonisolated(unsafe) var errData = Data()
    let reader = Thread { errData = error.fileHandleForReading.readDataToEndOfFile() }
    reader.start()
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try? input.fileHandleForWriting.close()
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !reader.isFinished { usleep(1000) }
    return Run(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}
