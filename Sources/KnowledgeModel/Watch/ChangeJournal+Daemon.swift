#if canImport(Glibc)
  import Glibc
#endif

/// What `safetykb daemon status` reports about the daemon of one knowledge base.
public struct WatchStatus: Hashable, Sendable {
  public var running: Bool
  public var pid: Int32?
  /// The current journal's token and length in bytes.
  public var token: UInt64?
  public var journalBytes: Int?
}

extension ChangeJournal {
  /// Whether a daemon runs, and its process and journal.
  public func status() -> WatchStatus {
    guard folder.hasDaemon else { return WatchStatus(running: false) }
    var status = WatchStatus(running: true, pid: folder.daemonPID)
    let fd = open(folder.journal, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return status }
    defer { close(fd) }
    if let reading = JournalReading(fd: fd, root: root, mark: nil) {
      status.token = reading.header.token
      var info = stat()
      if fstat(fd, &info) == 0 { status.journalBytes = Int(info.st_size) }
    }
    return status
  }

  /// Starts a daemon for this knowledge base, `executable watch-daemon …` (see
  /// `WatchDaemon.start`). It exits at once if another is already running.
  @discardableResult
  public func startDaemon(executable: String) -> Bool {
    WatchDaemon.start(executable: executable, root: root, state: state)
  }

  /// Sends SIGTERM to the daemon and waits, at most `timeout`, until it has let go of its lock.
  /// False when none was running or it is still running.
  public func stopDaemon(timeout: Duration = .seconds(5)) -> Bool {
    guard folder.hasDaemon, let pid = folder.daemonPID, kill(pid, SIGTERM) == 0 else {
      return false
    }
    let deadline = ContinuousClock.now + timeout
    while folder.hasDaemon {
      guard ContinuousClock.now < deadline else { return false }
      usleep(5_000)
    }
    return true
  }
}

extension WatchStatus {
  init(running: Bool, pid: Int32? = nil) {
    self.running = running
    self.pid = pid
  }
}
