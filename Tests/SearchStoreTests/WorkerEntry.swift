import Foundation
import Testing

@testable import SearchStore

#if canImport(Glibc)
  import Glibc
#endif

/// The body of a worker process. Multi-process tests start this test binary again
/// (`/proc/self/exe --testing-library swift-testing --filter SearchStoreTests.WorkerEntry`) with
/// `SEARCHSTORE_WORKER` set; in an ordinary run the variable is absent and the test is skipped.
///
/// The worker saves searches named `<prefix>-<n>` into `SEARCHSTORE_WORKER_STORE` and prints
/// `saved <name>` to standard output after each save returns (`error <message>` on a refusal).
/// `SEARCHSTORE_WORKER_COUNT` bounds the loop (0: until killed); `SEARCHSTORE_WORKER_FSIZE`, when
/// set, limits the size of files the process may write (RLIMIT_FSIZE, with SIGXFSZ ignored so a
/// write past it fails with EFBIG instead of killing the process).
@Suite struct WorkerEntry {
  static let environment = ProcessInfo.processInfo.environment

  @Test(.enabled(if: environment["SEARCHSTORE_WORKER"] != nil))
  func run() {
    let env = Self.environment
    let store = PersonalStore(path: env["SEARCHSTORE_WORKER_STORE"] ?? "")
    let searches = SavedSearches(personal: store, shared: nil)
    let prefix = env["SEARCHSTORE_WORKER"] ?? "w"
    let count = Int(env["SEARCHSTORE_WORKER_COUNT"] ?? "") ?? 0
    let description = env["SEARCHSTORE_WORKER_DESCRIPTION"]
    if let limit = env["SEARCHSTORE_WORKER_FSIZE"].flatMap({ rlim_t($0) }) {
      signal(SIGXFSZ, SIG_IGN)
      var rl = rlimit(rlim_cur: limit, rlim_max: limit)
      setrlimit(Int32(RLIMIT_FSIZE.rawValue), &rl)
    }
    var n = 0
    while count == 0 || n < count {
      let name = "\(prefix)-\(n)"
      do {
        try searches.save(name: name, query: "tag:\(prefix) n:\(n)", description: description)
        Self.say("saved \(name)\n")
      } catch {
        Self.say("error \(error.description)\n")
      }
      n += 1
    }
  }

  /// Writes straight to file descriptor 1, so a line is out before the next save starts.
  static func say(_ line: String) {
    let bytes = Array(line.utf8)
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { write(1, $0.baseAddress! + offset, $0.count - offset) }
      if n <= 0 { return }
      offset += n
    }
  }
}
