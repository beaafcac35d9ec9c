import SystemIO

#if canImport(Glibc)
  import Glibc
#endif

/// A long-lived process that watches one knowledge base with inotify and writes a journal of the
/// files touched (see `JournalFormat`), so that one-shot commands ask `ChangeJournal` what
/// changed instead of looking at every file. One daemon per state folder: it holds an exclusive
/// `flock` on `STATE/watch.lock` while it lives.
public enum WatchDaemon {
  /// How long a daemon waits for a client before it exits.
  public static let defaultIdle: Duration = .seconds(15 * 60)

  /// Asks a daemon running in this process to stop (from any thread).
  public final class Stop: Sendable {
    let readFD: Int32
    let writeFD: Int32

    public init() {
      var fds: [Int32] = [-1, -1]
      if pipe(&fds) == 0 {
        for fd in fds {
          _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
          _ = fcntl(fd, F_SETFL, O_NONBLOCK)
        }
      }
      readFD = fds[0]
      writeFD = fds[1]
    }

    public func request() {
      var byte: UInt8 = 1
      _ = write(writeFD, &byte, 1)
    }

    deinit {
      close(readFD)
      close(writeFD)
    }
  }

  /// Watches `root`, keeping the lock, process id, journal and cookies in `state`, until no
  /// client has asked for `idle`, `stop` is requested (without one: until SIGTERM or SIGINT),
  /// the kernel's queue overflows, or the root goes. Returns at once, with 0, when another
  /// daemon holds the lock; 1 when it cannot watch (no such root, too many folders, the state
  /// folder cannot be written). `started` runs once the daemon holds the lock and watches (the
  /// query server starts there), `finished` before it lets the lock go; `lastActivity` tells
  /// of questions asked elsewhere than the journal, which keep the daemon from being idle too.
  public static func run(
    root: String, state: String, idle: Duration = defaultIdle, stop: Stop? = nil,
    started: () -> Void = {}, finished: () -> Void = {},
    lastActivity: () -> ContinuousClock.Instant? = { nil }
  ) -> Int32 {
    serve(
      root: root, state: state, idle: idle, stop: stop, journalLimit: JournalFormat.limit,
      started: started, finished: finished, lastActivity: lastActivity)
  }

  /// `run`, with the journal's length limit a test may make small.
  static func serve(
    root: String, state: String, idle: Duration, stop: Stop?, journalLimit: Int,
    started: () -> Void = {}, finished: () -> Void = {},
    lastActivity: () -> ContinuousClock.Instant? = { nil }
  ) -> Int32 {
    let folder = WatchFolder(path: state)
    do {
      try Files.makeDirectories(folder.cookies)
    } catch {
      return 1
    }
    let lock: Int32
    switch takeLock(folder.lock) {
    case .taken(let fd): lock = fd
    case .held: return 0
    case .failed: return 1
    }
    defer { close(lock) }
    // The last daemon's journal goes first: clients wait for no cookie until there is a new
    // one, written once every watch is set.
    unlink(folder.journal)
    removeCookies(in: folder.cookies)
    let onSignals = stop == nil
    let stop = stop ?? Stop.onTerminationSignals()
    defer { if onSignals { Stop.restoreSignals() } }
    guard
      var loop = DaemonLoop(
        root: CacheLocation.absolute(root), folder: folder, journalLimit: journalLimit)
    else {
      return 1
    }
    defer { loop.close() }
    started()
    defer { finished() }
    return loop.run(idle: idle, stop: stop.readFD, lastActivity: lastActivity)
  }

  enum Lock {
    case taken(Int32)
    case held
    case failed
  }

  /// Takes the exclusive lock unless a daemon holds it. A client testing for a daemon holds a
  /// shared lock for a moment: that is no daemon, and the attempt is made again.
  static func takeLock(_ path: String) -> Lock {
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return .failed }
    for _ in 0..<10_000 {
      if flock(fd, LOCK_EX | LOCK_NB) == 0 { return .taken(fd) }
      guard errno == EWOULDBLOCK || errno == EINTR else { break }
      // A shared lock is granted only when nobody holds the exclusive one: no daemon.
      if flock(fd, LOCK_SH | LOCK_NB) != 0, errno == EWOULDBLOCK {
        close(fd)
        return .held
      }
      flock(fd, LOCK_UN)
      sched_yield()
    }
    close(fd)
    return .failed
  }

  /// Cookies left by clients that died while waiting.
  static func removeCookies(in folder: String) {
    guard case .success(let listing) = FolderWalker.list(folder) else { return }
    for (name, _) in listing { unlink(folder + "/" + name) }
  }
}

/// The write end of the pipe that stops the daemon of this process, for the signal handler.
nonisolated(unsafe) private var terminationPipe: Int32 = -1

extension WatchDaemon.Stop {
  /// A stop requested by SIGTERM or SIGINT.
  static func onTerminationSignals() -> WatchDaemon.Stop {
    let stop = WatchDaemon.Stop()
    terminationPipe = stop.writeFD
    for signalNumber in [SIGTERM, SIGINT] {
      signal(signalNumber) { _ in
        var byte: UInt8 = 1
        _ = write(terminationPipe, &byte, 1)
      }
    }
    return stop
  }

  /// The signals' default actions again, once the daemon is done.
  static func restoreSignals() {
    for signalNumber in [SIGTERM, SIGINT] { signal(signalNumber, SIG_DFL) }
    terminationPipe = -1
  }
}
