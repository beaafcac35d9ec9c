#if canImport(Glibc)
  import Glibc
#endif

/// A client's cookie: an empty file with a name of its own in the daemon's cookies folder. The
/// daemon watches that folder with the same inotify descriptor as the knowledge base, so the
/// cookie's event comes after every event queued before it was made.
struct Cookie {
  let name: String
  let path: String

  /// Makes a new cookie in `folder`; nil when it cannot (no folder: no daemon made it).
  init?(in folder: String) {
    name = "\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 16))"
    path = folder + "/" + name
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return nil }
    close(fd)
  }

  func remove() { unlink(path) }
}

/// Pauses between a client's looks at the journal: 20 µs at first, twice as long each time, up
/// to 1 ms, never past the deadline. The daemon writes a cookie's line within a fraction of a
/// millisecond. (An inotify watch on the journal would wake the client at once, but closing an
/// inotify descriptor waits for the kernel's RCU grace period: about 10 ms, ten times the
/// whole question.)
struct Backoff {
  private var pause = Duration.microseconds(20)

  mutating func wait(until deadline: ContinuousClock.Instant) {
    let left = ContinuousClock.now.duration(to: deadline)
    guard left > .zero else { return }
    let nap = min(pause, left)
    pause = min(pause * 2, .milliseconds(1))
    let (seconds, attoseconds) = nap.components
    usleep(UInt32(clamping: seconds * 1_000_000 + attoseconds / 1_000_000_000_000 + 1))
  }
}
