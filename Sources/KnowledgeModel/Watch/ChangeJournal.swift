import SystemIO

#if canImport(Glibc)
  import Glibc
#endif

/// A client of the watch daemon (`WatchDaemon`) of one knowledge base: asks which files may have
/// changed since a mark, so that a one-shot command re-reads the stamps of those files only
/// instead of every file's.
///
/// The way to use it: ask `changes(since:)` *before* looking at any file, with the mark stored
/// in the cache; then look at what the answer says (every file, or the paths it names), and
/// store the answer's `current` mark with what was read. An edit made after the question is
/// either seen by that look or named by the next answer.
public struct ChangeJournal: Sendable {
  public enum Answer: Hashable, Sendable {
    /// No daemon watches the knowledge base: look at every file (and perhaps start one).
    case noDaemon
    /// A daemon watches, but cannot say what changed since the mark (none given, another
    /// journal, an overflow, a new folder, no answer in time): look at every file, then keep
    /// `current`.
    case unknown(current: JournalMark)
    /// The files (relative to the root) that may have changed since the mark; every other file
    /// is as it was.
    case changed(Set<String>, current: JournalMark)
  }

  /// The knowledge base's root, absolute and free of links (as the daemon records it).
  public let root: String
  let folder: WatchFolder

  /// A client for the daemon watching `root` that keeps its state in `state`.
  public init(root: String, state: String) {
    self.root = CacheLocation.absolute(root)
    folder = WatchFolder(path: state)
  }

  /// A client for the daemon of `root` whose state lies in the cache (`watchFolder(forRoot:)`).
  public init(root: String, cache: CacheLocation) {
    self.init(root: root, state: cache.watchFolder(forRoot: root))
  }

  /// The state folder.
  public var state: String { folder.path }

  /// Whether a daemon is watching now.
  public var hasDaemon: Bool { folder.hasDaemon }

  /// What may have changed since `mark`. Leaves a cookie in the state folder and waits (at most
  /// `timeout`) until the daemon has written it to the journal: the kernel queues the cookie's
  /// event after every event of an edit that finished before, so the lines above the cookie
  /// are complete.
  public func changes(since mark: JournalMark?, timeout: Duration = .milliseconds(500)) -> Answer {
    guard folder.hasDaemon else { return .noDaemon }
    // A starting daemon removes the old journal and writes its own once it watches everything:
    // before that, a cookie might be made before its folder is watched, and never be seen.
    guard access(folder.journal, F_OK) == 0 else { return .unknown(current: .unmatched) }
    let deadline = ContinuousClock.now + timeout
    guard let cookie = Cookie(in: folder.cookies) else { return .unknown(current: .unmatched) }
    defer { cookie.remove() }
    var reading: JournalReading?
    var backoff = Backoff()
    var looks = 0
    while true {
      switch look(&reading, mark: mark, cookie: cookie.name) {
      case .answer(let answer): return answer
      case .notYet: break
      }
      guard ContinuousClock.now < deadline else { break }
      // A daemon that has exited (its queue overflowed, say) writes no cookie's line: nothing
      // to wait for. Asked now and then, the lock costs little.
      looks += 1
      if looks % 16 == 0, !folder.hasDaemon { return .noDaemon }
      backoff.wait(until: deadline)
    }
    return folder.hasDaemon ? .unknown(current: .unmatched) : .noDaemon
  }

  private enum Look {
    case answer(Answer)
    /// No cookie yet, or no journal this client can read (foreign, damaged): a daemon that
    /// finds its journal damaged when it writes the cookie's line starts a new one.
    case notYet
  }

  /// Reads what the journal has gained since the last look, and answers if the cookie is there.
  private func look(_ reading: inout JournalReading?, mark: JournalMark?, cookie: String) -> Look {
    let fd = open(folder.journal, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return .notYet }
    defer { close(fd) }
    var status = stat()
    guard fstat(fd, &status) == 0 else { return .notYet }
    if reading.map({ !$0.isReading(status) }) ?? true {
      // A journal being replaced is never seen half written (it is renamed into place).
      reading = JournalReading(fd: fd, root: root, mark: mark)
    }
    guard var current = reading else { return .notYet }
    var (end, ok) = current.readOn(fd, size: Int(status.st_size), cookie: cookie)
    if !ok {
      // Cut short under us: read it again from its header, trusting nothing.
      guard var again = JournalReading(fd: fd, root: root, mark: nil) else { return .notYet }
      (end, ok) = again.readOn(fd, size: Int(status.st_size), cookie: cookie)
      current = again
    }
    reading = current
    guard let end else { return .notYet }
    let now = JournalMark(token: current.header.token, offset: end)
    guard current.fromMark, !current.everything, ok else {
      return .answer(.unknown(current: now))
    }
    return .answer(.changed(current.paths, current: now))
  }
}
