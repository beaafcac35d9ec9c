#if canImport(Glibc)
  import Glibc
#endif

/// The daemon's inotify watches: the root and every folder below it that the loader's walk
/// enters (hidden ones skipped, links to folders followed, each folder once), each known by its
/// path relative to the root.
struct WatchedTree {
  let fd: Int32
  let root: String
  /// Watch descriptor to folder (relative to the root, "" for the root).
  private(set) var folders: [Int32: String] = [:]
  /// Symbolic links to folders: watched through the link; a change to the link changes them.
  private(set) var linkedFolders: Set<String> = []
  /// Entry files that are symbolic links: inotify sees the link, not its target, so these are
  /// named to every client (a stat follows the link).
  private(set) var linkedFiles: Set<String> = []

  static let folderMask = UInt32(
    IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB
      | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

  init(fd: Int32, root: String) {
    self.fd = fd
    self.root = root
  }

  /// The path relative to the root of `name` in the folder watched as `wd`.
  func path(_ wd: Int32, _ name: String) -> String? {
    guard let folder = folders[wd] else { return nil }
    return folder.isEmpty ? name : folder + "/" + name
  }

  /// Watches `relative` and every folder below it, watching each before listing it, so a
  /// folder made meanwhile is either listed or reported. False when a watch could not be set
  /// (too many watches, no permission); a folder that vanished meanwhile is no failure (its
  /// parent's events say so).
  mutating func watch(_ relative: String) -> Bool {
    let full = relative.isEmpty ? root : root + "/" + relative
    guard !Self.isRemote(full) else { return false }
    let wd = inotify_add_watch(fd, full, Self.folderMask)
    guard wd >= 0 else { return !relative.isEmpty && (errno == ENOENT || errno == ENOTDIR) }
    // The same folder again (through a link): the walk enters it once, where it first met it.
    guard folders[wd] == nil else { return true }
    folders[wd] = relative
    guard case .success(let listing) = FolderWalker.list(full) else { return true }
    for (name, kind) in listing.sorted(by: { $0.name < $1.name }) where !name.hasPrefix(".") {
      let child = relative.isEmpty ? name : relative + "/" + name
      if kind == FolderWalker.directory {
        guard watch(child) else { return false }
      } else if kind != FolderWalker.regularFile, !note(child) {
        return false
      }
    }
    return true
  }

  /// Looks at a name that is not plainly a file or a folder: a link to a folder is watched, a
  /// link to an entry file is remembered. False when a watch could not be set.
  mutating func note(_ relative: String) -> Bool {
    let full = root + "/" + relative
    var link = stat()
    var target = stat()
    guard lstat(full, &link) == 0, stat(full, &target) == 0 else { return true }
    let isLink = link.st_mode & S_IFMT == S_IFLNK
    if target.st_mode & S_IFMT == S_IFDIR {
      if isLink { linkedFolders.insert(relative) }
      return watch(relative)
    }
    if isLink, Self.matters(relative) { linkedFiles.insert(relative) }
    return true
  }

  /// Stops watching `relative` and every folder below it.
  mutating func forget(_ relative: String) {
    func below(_ path: String) -> Bool { path == relative || path.hasPrefix(relative + "/") }
    for (wd, folder) in folders where below(folder) {
      inotify_rm_watch(fd, wd)
      folders[wd] = nil
    }
    linkedFolders = linkedFolders.filter { !below($0) }
    linkedFiles = linkedFiles.filter { !below($0) }
  }

  /// Whether the folder lies on a network or FUSE file system: inotify sees only the changes
  /// made on this machine, through this kernel, so a daemon there would miss the others' edits.
  /// (git's fsmonitor refuses such folders too.)
  static func isRemote(_ folder: String) -> Bool {
    fileSystemType(folder).map { remoteFileSystems.contains($0) } ?? false
  }

  /// The magic number of the file system `path` lies on (`f_type` of `statfs(2)`).
  static func fileSystemType(_ path: String) -> Int64? {
    guard let statfs = statfsFunction else { return nil }
    // `struct statfs` is 120 bytes on 64-bit Linux and begins with `f_type`, a `long`.
    var info = [Int64](repeating: 0, count: 32)
    guard info.withUnsafeMutableBytes({ statfs(path, $0.baseAddress!) }) == 0 else { return nil }
    return info[0]
  }

  /// `statfs(2)`, found at run time: Swift's Glibc module does not include `<sys/vfs.h>`.
  private static let statfsFunction = dlsym(nil, "statfs").map {
    unsafeBitCast(
      $0, to: (@convention(c) (UnsafePointer<CChar>, UnsafeMutableRawPointer) -> Int32).self)
  }

  /// NFS, SMB, CIFS, SMB2, FUSE, 9P, Ceph, AFS, Coda, GFS2, OCFS2 (`man 2 statfs`).
  static let remoteFileSystems: Set<Int64> = [
    0x6969, 0x517B, 0xFF53_4D42, 0xFE53_4D42, 0x6573_5546, 0x0102_1997, 0x00C3_6400, 0x5346_414F,
    0x7375_7245, 0x0116_1970, 0x7461_636F,
  ]

  /// Whether a change to the file at `relative` matters to a load: an entry file or the root's
  /// vocabulary.
  static func matters(_ relative: String) -> Bool {
    relative == KnowledgeBase.vocabularyFile || FolderWalker.isEntryFile(relative)
  }
}
