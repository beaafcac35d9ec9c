import Dispatch

#if canImport(Glibc)
  import Glibc
#endif

/// Asks the system to start reading files into its page cache, on a thread of its own, while
/// the caller reads and parses others: a thread that reads a file the system does not hold
/// waits for the disk, one file at a time, but the system can fetch many side by side. For
/// files already held it costs an open and a close each.
public final class ReadAhead: Sendable {
  private let done = DispatchGroup()

  /// Starts on `paths`, in order. Nothing is read into this process, and a file that cannot
  /// be opened is passed over (reading it later says why).
  public init(_ paths: [String]) {
    guard !paths.isEmpty else { return }
    done.enter()
    let done = done
    DispatchQueue.global(qos: .utility).async {
      for path in paths {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { continue }
        _ = posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED)
        close(fd)
      }
      done.leave()
    }
  }

  /// Waits until every file was asked for (not until each is read).
  public func wait() { done.wait() }
}
