import CSocket
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Watches a command's connection while the server makes its answer. A command that goes away
/// meanwhile (Ctrl-C, killed) sends nothing, so the connection's end is the sign; when the
/// answer is still not finished `grace` later, `abandoned` runs on the watching thread. The
/// server's answer cannot be stopped halfway (a large table is rendered whole before it is
/// written), so in the daemon `abandoned` ends the process: its work is nobody's now, and the
/// next command starts a new daemon.
final class HangUpWatch: @unchecked Sendable {
  private var done: [Int32] = [-1, -1]
  private let finished = DispatchSemaphore(value: 0)

  /// Starts watching `connection`; nil when no thread or pipe could be had (then nothing is
  /// watched, as before).
  init?(connection: Int32, grace: Duration, abandoned: @escaping @Sendable () -> Void) {
    guard pipe(&done) == 0 else { return nil }
    for fd in done { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    let finishedReading = done[0]
    let thread = Thread { [finished] in
      defer { finished.signal() }
      var waiting = [
        pollfd(fd: connection, events: Int16(POLLIN) | Int16(SKB_POLLRDHUP), revents: 0),
        pollfd(fd: finishedReading, events: Int16(POLLIN), revents: 0),
      ]
      while poll(&waiting, 2, -1) < 0, errno == EINTR {}
      guard waiting[1].revents == 0, waiting[0].revents != 0 else { return }
      let (seconds, attoseconds) = grace.components
      var answer = pollfd(fd: finishedReading, events: Int16(POLLIN), revents: 0)
      let ms = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
      while true {
        let ready = poll(&answer, 1, ms)
        if ready < 0, errno == EINTR { continue }
        if ready == 0 { abandoned() }
        return
      }
    }
    thread.start()
  }

  /// The answer is finished: stops watching, and waits for the watching thread to end.
  func finish() {
    var byte: UInt8 = 1
    _ = write(done[1], &byte, 1)
    finished.wait()
    close(done[0])
    close(done[1])
  }
}
