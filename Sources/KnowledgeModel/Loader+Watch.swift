#if canImport(Glibc)
  import Glibc
#endif

extension Loader {
  /// What a load through the cache learnt from the watch daemon, and what it must do after.
  struct Watched {
    var journal: ChangeJournal
    var use: WatchUse
    var markPath: String
    /// The mark stored with the cache when the load began.
    var stored: CacheMark?
    var answer: ChangeJournal.Answer
    /// Set when the daemon vouches for the cache: the cache, and the files touched since.
    var preread: LoadCache?
    var touched: Set<String>?
  }

  /// The knowledge base's entry files, sorted: from the folder walk, or, when a watch daemon
  /// vouches for the entries cache, the cache's list with the files touched since put right.
  /// The daemon is asked before any file is looked at, so an edit made meanwhile is either
  /// seen now or named next time.
  static func entryFiles(
    root: String, absolute: String, cache: CacheLocation?, parser: EntryParser
  ) -> (files: [String], diagnostics: [Diagnostic], watched: Watched?) {
    guard let cache, let use = cache.watch else {
      let walk = FolderWalker.markdownFiles(in: root)
      return (walk.files, walk.diagnostics, nil)
    }
    let journal = ChangeJournal(root: root, cache: cache)
    let markPath = cache.markFile(for: absolute)
    let stored = CacheMark.read(markPath)
    let answer = journal.changes(since: stored?.mark, timeout: use.patience)
    var watched = Watched(
      journal: journal, use: use, markPath: markPath, stored: stored, answer: answer)
    if case .changed(let touched, _) = answer, let stored,
      let old = LoadCache.read(
        cache.files(for: absolute).entries, absoluteRoot: absolute, displayRoot: root,
        parser: parser),
      old.payloadChecksum == stored.cache
    {
      watched.preread = old
      watched.touched = touched
      return (updated(old.files, touched: touched, root: root), [], watched)
    }
    let walk = FolderWalker.markdownFiles(in: root)
    return (walk.files, walk.diagnostics, watched)
  }

  /// `files` (sorted) without the touched paths that are no longer entry files, and with those
  /// that now are.
  static func updated(_ files: [String], touched: Set<String>, root: String) -> [String] {
    guard !touched.isEmpty else { return files }
    var list = files.filter { !touched.contains($0) }
    for path in touched.sorted() where FolderWalker.isEntryFile(path) {
      var s = stat()
      guard stat(KnowledgeBase.join(root, path), &s) == 0, s.st_mode & S_IFMT == S_IFREG else {
        continue
      }
      var lo = 0
      var hi = list.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if list[mid] < path { lo = mid + 1 } else { hi = mid }
      }
      list.insert(path, at: lo)
    }
    return list
  }

  /// After the files were read: keeps the daemon's mark with the cache it vouches for, or
  /// starts a daemon for a knowledge base large enough to be worth one.
  static func settle(
    _ watched: Watched, files: Int, cacheChecksum: UInt64?, walkWasClean: Bool
  ) {
    switch watched.answer {
    case .noDaemon:
      if let executable = watched.use.executable, files >= watched.use.threshold {
        _ = watched.journal.startDaemon(executable: executable)
      }
    case .unknown(let current), .changed(_, let current):
      // Only a cache that records every file, found by a walk with nothing to report: the next
      // load, trusting the mark, walks no folder and reads no file that failed before.
      guard current != .unmatched, walkWasClean, let cacheChecksum else { return }
      let mark = CacheMark(mark: current, cache: cacheChecksum)
      if mark != watched.stored { mark.write(watched.markPath) }
    }
  }
}
