import SystemIO

#if canImport(Glibc)
  import Glibc
#endif

/// The files of a watch daemon's state folder: the lock that says one is alive, its process id,
/// its journal, and the folder where clients leave their cookies.
struct WatchFolder: Sendable {
  var path: String

  var lock: String { path + "/watch.lock" }
  var pid: String { path + "/watch.pid" }
  var journal: String { path + "/journal" }
  var cookies: String { path + "/cookies" }

  /// Whether a daemon holds the lock. The kernel drops a lock when its process dies, so this is
  /// never fooled by a daemon that crashed. A shared lock taken while nobody holds it is given
  /// back at once (the daemon's own attempt retries past such a moment).
  var hasDaemon: Bool {
    let fd = open(lock, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    while true {
      if flock(fd, LOCK_SH | LOCK_NB) == 0 { return false }
      if errno != EINTR { return errno == EWOULDBLOCK }
    }
  }

  /// The process id the daemon wrote, if the file holds one.
  var daemonPID: pid_t? {
    guard let bytes = try? Files.read(pid, missingIsNil: true),
      let value = pid_t(String(decoding: bytes, as: UTF8.self).filter { !$0.isWhitespace }),
      value > 0
    else { return nil }
    return value
  }
}
