import Foundation

#if canImport(Glibc)
  import Glibc
#endif

extension WatchDaemon {
  /// Starts `EXECUTABLE watch-daemon --root ROOT --state STATE` detached: in a session of its
  /// own (no terminal's signals reach it), standard streams on /dev/null, with default signal
  /// handling (the subcommand moves it to `/`). The caller does not wait for it; a thread reaps it when it exits, so a
  /// long-lived caller keeps no zombie. False when it could not be started.
  @discardableResult
  public static func start(executable: String, root: String, state: String) -> Bool {
    spawnDetached(
      executable,
      [
        "watch-daemon", "--root", CacheLocation.absolute(root),
        "--state", URL(fileURLWithPath: state).path,
      ])
  }

  /// Starts `executable` with `arguments` detached, as `start` does the daemon: a session of
  /// its own, standard streams on /dev/null, nothing else inherited, reaped by a thread.
  @discardableResult
  public static func spawnDetached(_ executable: String, _ arguments: [String]) -> Bool {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    // Nothing else the caller has open may live on in the daemon (a pipe kept open would keep
    // its reader waiting for the end).
    _ = closeFrom?(&actions, 3)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigfillset(&defaults)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    posix_spawnattr_setsigmask(&attributes, &unblocked)
    posix_spawnattr_setflags(
      &attributes, Int16(spawnSetSID | Int32(POSIX_SPAWN_SETSIGDEF) | POSIX_SPAWN_SETSIGMASK))
    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, executable, &actions, &attributes, argv, environ) == 0 else {
      return false
    }
    Thread.detachNewThread { [pid] in
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    }
    return true
  }

  /// glibc's POSIX_SPAWN_SETSID (since 2.26), which Swift does not see: it is defined only for
  /// `_GNU_SOURCE`.
  static let spawnSetSID: Int32 = 0x80

  /// glibc's `posix_spawn_file_actions_addclosefrom_np` (since 2.34), found at run time: Swift
  /// does not see its declaration either.
  private static let closeFrom:
    (
      @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    )? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map {
      unsafeBitCast(
        $0,
        to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)
          .self)
    }
}
