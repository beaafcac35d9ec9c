#if canImport(Glibc)
  import Glibc
#endif

/// Watches a knowledge base's folders with inotify, so that the shell learns which files were
/// touched without looking at every file: with nothing changed, a check is one `read` that
/// finds nothing, however many entries there are. When it cannot tell (the kernel's queue
/// overflowed, a folder was added, removed or moved, a watch could not be set), it says so and
/// the caller compares every file's stamp instead.
public final class FolderWatcher: @unchecked Sendable {
  /// What happened since the last poll.
  public enum Report: Equatable, Sendable {
    case nothing
    /// Paths (relative to the root) of files touched: created, written, moved or removed.
    case touched(Set<String>)
    /// Unknown: compare everything.
    case unknown
  }

  private let fd: Int32
  private var folders: [Int32: String] = [:]
  private var broken = false
  private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

  static let mask: UInt32 = UInt32(
    IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB
      | IN_DELETE_SELF | IN_MOVE_SELF)

  /// Watches `root` and every folder below it (as `FolderWalker` finds them); nil when inotify
  /// is not available.
  public init?(root: String) {
    fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
    guard fd >= 0 else { return nil }
    for folder in FolderWalker.folders(in: root) {
      let wd = inotify_add_watch(fd, KnowledgeBase.join(root, folder), Self.mask)
      guard wd >= 0 else {
        close(fd)
        return nil
      }
      folders[wd] = folder
    }
  }

  deinit { close(fd) }

  /// The files touched since the last poll (or since the watcher was made).
  public func poll() -> Report {
    if broken { return .unknown }
    var touched = Set<String>()
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        if errno == EAGAIN { break }
        broken = true
        return .unknown
      }
      if n == 0 { break }
      let structural = UInt32(IN_Q_OVERFLOW | IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED | IN_ISDIR)
      let known = InotifyEvent.each(in: buffer, count: n) { event in
        guard event.mask & structural == 0 else { return false }
        if let folder = folders[event.wd] {
          touched.insert(folder.isEmpty ? event.name : folder + "/" + event.name)
        }
        return true
      }
      if !known {
        broken = true
        return .unknown
      }
    }
    return touched.isEmpty ? .nothing : .touched(touched)
  }
}

extension KnowledgeBase {
  /// Like `changes()`, for the touched paths only (a watcher's report): no folder walk, no stat
  /// of files nobody touched.
  public func changes(touched: Set<String>, now: Int64) -> FileChanges {
    var changes = FileChanges()
    if touched.contains(KnowledgeBase.vocabularyFile) {
      changes.vocabulary = true
      return changes
    }
    for path in touched.sorted() where FolderWalker.isEntryFile(path) {
      let full = KnowledgeBase.join(root, path)
      let exists = FileStamp.of(full) != nil
      if let index = files.index(of: path) {
        if !exists {
          changes.removed.append(path)
        } else if let snapshot = files.snapshots[index] {
          let verdict = Self.differs(full, from: snapshot, now: now)
          if verdict.changed { changes.edited.append(path) }
          if let settled = verdict.settled { changes.settled.append((index, settled)) }
        } else {
          changes.edited.append(path)
        }
      } else if exists {
        changes.added.append(path)
      }
    }
    return changes
  }
}
