import SystemIO

#if canImport(Glibc)
  import Glibc
#endif

/// The daemon at work: reads inotify events, turns them into journal lines, and writes the
/// lines of each read with one `write`.
struct DaemonLoop {
  private var tree: WatchedTree
  private var journal: JournalWriter
  private let folder: WatchFolder
  private var cookiesWD: Int32 = -1
  private var rootWD: Int32 = -1
  /// Lines waiting to be written, and the paths among them since the last cookie line (a path
  /// named twice between two cookies tells a client nothing more).
  private var batch: [UInt8] = []
  private var named: Set<String> = []
  private var lastCookie = ContinuousClock.now

  /// Watches the tree, then the cookies folder, then writes the process id and a new journal:
  /// a journal exists only once every watch does. Nil when something cannot be watched.
  init?(root: String, folder: WatchFolder, journalLimit: Int) {
    let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
    guard fd >= 0 else { return nil }
    tree = WatchedTree(fd: fd, root: root)
    self.folder = folder
    let cookieMask = UInt32(IN_CREATE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)
    guard tree.watch("") else {
      Glibc.close(fd)
      return nil
    }
    rootWD = tree.folders.first { $0.value.isEmpty }?.key ?? -1
    cookiesWD = inotify_add_watch(fd, folder.cookies, cookieMask)
    do {
      guard cookiesWD >= 0 else { throw FileError("watch", folder.cookies, errno: .current) }
      try Files.replace(folder.pid, with: Array("\(getpid())\n".utf8))
      journal = try JournalWriter(path: folder.journal, root: root, limit: journalLimit)
    } catch {
      Glibc.close(fd)
      return nil
    }
  }

  func close() {
    unlink(folder.pid)
    journal.close()
    Glibc.close(tree.fd)
  }

  /// Waits for events until idle, stopped, or the watch can go on no longer; the exit status.
  mutating func run(
    idle: Duration, stop: Int32, lastActivity: () -> ContinuousClock.Instant? = { nil }
  ) -> Int32 {
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let last = max(lastCookie, lastActivity() ?? lastCookie)
      let left = ContinuousClock.now.duration(to: last + idle)
      guard left > .zero else { return 0 }
      let (seconds, attoseconds) = left.components
      let ms = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
      var waiting = [
        pollfd(fd: tree.fd, events: Int16(POLLIN), revents: 0),
        pollfd(fd: stop, events: Int16(POLLIN), revents: 0),
      ]
      let ready = poll(&waiting, 2, ms)
      if ready < 0, errno != EINTR { return 1 }
      if waiting[1].revents != 0 { return 0 }
      guard waiting[0].revents != 0 else { continue }
      // Each read's lines are written before the next read, so a flood of events never holds
      // back a cookie's line.
      while true {
        let n = buffer.withUnsafeMutableBytes { read(tree.fd, $0.baseAddress, $0.count) }
        if n < 0, errno == EINTR { continue }
        guard n > 0 else { break }
        let goOn = InotifyEvent.each(in: buffer, count: n) { handle($0) }
        do {
          try journal.append(batch)
        } catch {
          return 1
        }
        batch.removeAll(keepingCapacity: true)
        if !goOn { return 0 }
      }
    }
  }

  /// Adds the lines for one event; false when the daemon must stop after writing them.
  private mutating func handle(_ event: InotifyEvent) -> Bool {
    let mask = event.mask
    if mask & UInt32(IN_Q_OVERFLOW | IN_UNMOUNT) != 0 { return anything(andStop: true) }
    if event.wd == cookiesWD {
      // Anything but a new cookie is the folder going: the state folder is no more.
      guard mask & UInt32(IN_CREATE) != 0, !event.name.isEmpty else {
        return anything(andStop: true)
      }
      cookie(event.name)
      return true
    }
    guard let folder = tree.folders[event.wd] else { return true }
    if event.name.isEmpty {
      // The folder itself: deleted, moved, its permissions changed.
      if event.wd == rootWD, mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED) != 0 {
        return anything(andStop: true)
      }
      if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED) != 0 { tree.forget(folder) }
      return mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED | IN_ATTRIB) != 0
        ? anything(andStop: false) : true
    }
    guard !event.name.hasPrefix("."), let path = tree.path(event.wd, event.name) else {
      return true
    }
    let arrived = mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0
    let left = mask & UInt32(IN_DELETE | IN_MOVED_FROM) != 0
    if mask & UInt32(IN_ISDIR) != 0 {
      // Files may have been made in a new folder before its watch: nobody knows what changed.
      if left { tree.forget(path) }
      if arrived, !tree.watch(path) { return anything(andStop: true) }
      return arrived || left ? anything(andStop: false) : true
    }
    if arrived || left {
      // A symbolic link made, removed or replaced: a link to a folder changes the tree.
      let wasFolder = tree.linkedFolders.contains(path)
      if wasFolder || tree.linkedFiles.contains(path) { tree.forget(path) }
      if arrived, !tree.note(path) { return anything(andStop: true) }
      if wasFolder || tree.linkedFolders.contains(path) { return anything(andStop: false) }
    }
    if WatchedTree.matters(path) { name(path) }
    return true
  }

  private mutating func name(_ path: String) {
    guard named.insert(path).inserted else { return }
    batch += JournalFormat.line(.path(path))
  }

  /// A `*` line; returns whether the daemon goes on (not when `andStop`).
  private mutating func anything(andStop: Bool) -> Bool {
    batch += JournalFormat.line(.everything)
    return !andStop
  }

  /// A client's cookie: first the files nobody can watch (links to entry files), then the line.
  private mutating func cookie(_ name: String) {
    lastCookie = .now
    if tree.linkedFiles.count > 64 {
      batch += JournalFormat.line(.everything)
    } else {
      for path in tree.linkedFiles.sorted() { batch += JournalFormat.line(.path(path)) }
    }
    batch += JournalFormat.line(.cookie(name))
    named.removeAll(keepingCapacity: true)
  }
}
