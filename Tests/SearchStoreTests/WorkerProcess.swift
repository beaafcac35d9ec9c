import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A worker process: this test binary run again so that only `WorkerEntry.run` does anything.
/// Its standard output is collected on a background thread; `lines` gives what it printed so far.
final class WorkerProcess: @unchecked Sendable {
  private let process = Process()
  private let pipe = Pipe()
  private let lock = NSLock()
  private var output = Data()
  private let reader = DispatchGroup()

  init(prefix: String, store: String, count: Int, extra: [String: String] = [:]) throws {
    let binary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = [
      "--testing-library", "swift-testing", "--filter", "SearchStoreTests.WorkerEntry",
    ]
    var environment = ProcessInfo.processInfo.environment
    environment["SEARCHSTORE_WORKER"] = prefix
    environment["SEARCHSTORE_WORKER_STORE"] = store
    environment["SEARCHSTORE_WORKER_COUNT"] = String(count)
    environment.merge(extra) { $1 }
    process.environment = environment
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let handle = pipe.fileHandleForReading
    reader.enter()
    Thread.detachNewThread { [self] in
      while true {
        let chunk = handle.availableData
        if chunk.isEmpty { break }
        lock.withLock { output.append(chunk) }
      }
      reader.leave()
    }
  }

  /// Lines printed by `WorkerEntry` (`saved <name>` or `error <message>`), complete lines only.
  var lines: [String] {
    let text = lock.withLock { String(decoding: output, as: UTF8.self) }
    var all = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    all.removeLast()  // the part after the last newline is incomplete (or empty)
    return all.filter { $0.hasPrefix("saved ") || $0.hasPrefix("error ") }
  }

  /// Names whose save returned.
  var saved: [String] {
    lines.filter { $0.hasPrefix("saved ") }.map { String($0.dropFirst("saved ".count)) }
  }

  var errors: [String] {
    lines.filter { $0.hasPrefix("error ") }.map { String($0.dropFirst("error ".count)) }
  }

  func kill() { Glibc.kill(process.processIdentifier, SIGKILL) }

  /// Waits for the process to end and for its output to be read; returns its exit status.
  @discardableResult
  func wait() -> Int32 {
    process.waitUntilExit()
    reader.wait()
    return process.terminationStatus
  }
}
