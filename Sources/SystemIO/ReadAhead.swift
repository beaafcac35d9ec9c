import CSystemCalls
import Dispatch

#if canImport(Glibc)
  import Glibc
#endif

/// Asks the system to start reading files into its page cache, on a thread of its own, while
/// the caller reads and parses others: a thread that reads a file the system does not hold
/// waits for the disk, one file at a time, but the system can fetch many side by side.
///
/// Files held already need nothing, and asking for each would cost an open and a close (about
/// 0.6 s of a core for 100,000 files). So the files are taken `window` at a time, and the first
/// of each is tested: when its first bytes can be read without waiting for the disk
/// (`preadv2` with `RWF_NOWAIT`), the window is taken as held and passed over; otherwise every
/// file of the window is asked for. Files read together (a folder copied, generated or read by
/// the last run) come and go from the page cache together, so one file speaks for its
/// neighbours; one held among others that are not costs a wait for each of those, as it would
/// without this.
public final class ReadAhead: Sendable {
  private let done = DispatchGroup()

  /// How many files one test speaks for.
  public static let window = 8

  /// Starts on `paths`, in order. Nothing is read into this process but a byte of each
  /// window's first file, and a file that cannot be opened is passed over (reading it later
  /// says why).
  public init(_ paths: [String]) {
    guard !paths.isEmpty else { return }
    done.enter()
    let done = done
    DispatchQueue.global(qos: .utility).async {
      for start in stride(from: 0, to: paths.count, by: Self.window) {
        let window = paths[start..<min(paths.count, start + Self.window)]
        if Self.isHeld(window.first!) { continue }
        for path in window { Self.ask(path) }
      }
      done.leave()
    }
  }

  /// Waits until every file was asked for (not until each is read).
  public func wait() { done.wait() }

  /// Whether the first bytes of the file at `path` are in the page cache (or it is empty).
  /// False when it cannot be told: a file that cannot be opened, a pipe, a folder.
  static func isHeld(_ path: String) -> Bool {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var byte: UInt8 = 0
    return safetykb_read_cached(fd, &byte, 1) >= 0
  }

  /// Asks the system to read the file at `path` into its page cache.
  private static func ask(_ path: String) {
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
    guard fd >= 0 else { return }
    _ = posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED)
    close(fd)
  }
}
