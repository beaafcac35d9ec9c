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

/// Waits for something to happen in a folder (a file made, written or renamed into it), with
/// inotify, or with short sleeps where inotify is not available.
final class FolderWaiter {
  private let fd: Int32

  init(_ folder: String) {
    let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
    let mask = UInt32(IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO)
    if fd >= 0, inotify_add_watch(fd, folder, mask) < 0 {
      close(fd)
      self.fd = -1
    } else {
      self.fd = fd
    }
  }

  deinit { if fd >= 0 { close(fd) } }

  /// Returns when something happened in the folder, or at `deadline`.
  func wait(until deadline: ContinuousClock.Instant) {
    let left = ContinuousClock.now.duration(to: deadline)
    guard left > .zero else { return }
    let (seconds, attoseconds) = left.components
    let ms = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
    guard fd >= 0 else {
      usleep(UInt32(min(ms, 2)) * 1000)
      return
    }
    var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    guard poll(&waiting, 1, ms) > 0 else { return }
    var buffer = [UInt8](repeating: 0, count: 4096)
    while buffer.withUnsafeMutableBytes({ read(fd, $0.baseAddress, $0.count) }) > 0 {}
  }
}
