import CacheFormat
import Foundation

/// What changed in a knowledge base's folder since it was loaded.
public struct FileChanges: Sendable, Equatable {
  public var added: [String] = []
  public var edited: [String] = []
  public var removed: [String] = []
  /// The vocabulary file was added, edited or removed: everything must be read again.
  public var vocabulary = false
  public init() {}

  /// Racy files whose content proved unchanged, now old enough for their stamp to be trusted.
  var settled: [(index: Int, snapshot: FileSnapshot)] = []

  public static func == (a: FileChanges, b: FileChanges) -> Bool {
    (a.added, a.edited, a.removed, a.vocabulary) == (b.added, b.edited, b.removed, b.vocabulary)
  }

  /// Nothing changed, but racy snapshots can be settled.
  public var isSettledOnly: Bool { isEmpty && !settled.isEmpty }

  /// Files added, edited or removed.
  public var count: Int { added.count + edited.count + removed.count }
  public var isEmpty: Bool { count == 0 && !vocabulary }
}

extension KnowledgeBase {
  /// Compares the folder with the files as loaded: a walk of the folder for added and removed
  /// files, a stat of each file for edits (and, for a file changed within two seconds of being
  /// read, its content hash), no file read otherwise.
  public func changes(now: Int64 = Int64(Date().timeIntervalSince1970)) -> FileChanges {
    var changes = FileChanges()
    let vocabularyPath = KnowledgeBase.join(root, KnowledgeBase.vocabularyFile)
    if let old = vocabularySnapshot {
      changes.vocabulary = Self.differs(vocabularyPath, from: old, now: now).changed
    } else {
      changes.vocabulary = FileManager.default.fileExists(atPath: vocabularyPath)
    }
    let walk = FolderWalker.markdownFiles(in: root).files
    var common: [(old: Int, path: String)] = []
    common.reserveCapacity(walk.count)
    var i = 0
    var j = 0
    let old = files.paths
    while i < old.count || j < walk.count {
      if j == walk.count || (i < old.count && old[i] < walk[j]) {
        changes.removed.append(old[i])
        i += 1
      } else if i == old.count || walk[j] < old[i] {
        changes.added.append(walk[j])
        j += 1
      } else {
        common.append((i, old[i]))
        i += 1
        j += 1
      }
    }
    let root = root
    let snapshots = files.snapshots
    let both = common
    let verdicts = Loader.parseAll(common.count) { k -> (changed: Bool, settled: FileSnapshot?) in
      guard let snapshot = snapshots[both[k].old] else { return (true, nil) }
      return Self.differs(KnowledgeBase.join(root, both[k].path), from: snapshot, now: now)
    }
    for (k, verdict) in verdicts.enumerated() {
      guard let verdict else { continue }
      if verdict.changed {
        changes.edited.append(common[k].path)
      } else if let settled = verdict.settled {
        changes.settled.append((common[k].old, settled))
      }
    }
    return changes
  }

  /// Whether the file differs from its snapshot; for a racy snapshot whose content proves the
  /// same, the snapshot to keep (no longer racy once old enough).
  static func differs(_ path: String, from snapshot: FileSnapshot, now: Int64)
    -> (changed: Bool, settled: FileSnapshot?)
  {
    guard let stamp = FileStamp.of(path), stamp == snapshot.stamp else { return (true, nil) }
    guard snapshot.racy else { return (false, nil) }
    guard case .success(let bytes) = FileReader.read(path), Checksum.of(bytes) == snapshot.hash
    else { return (true, nil) }
    let racy = stamp.isRacy(now: now)
    return (false, racy ? nil : FileSnapshot(stamp: stamp, hash: snapshot.hash, racy: false))
  }

  /// The knowledge base with the changed files read again (added and edited ones parsed,
  /// removed ones dropped) and every other entry kept as it is. A changed vocabulary needs a
  /// whole load instead (`changes.vocabulary`); it is not handled here.
  public func refreshed(_ changes: FileChanges, now: Int64 = Int64(Date().timeIntervalSince1970))
    -> KnowledgeBase
  {
    var kb = self
    for (index, snapshot) in changes.settled { kb.files.set(snapshot, at: index) }
    guard changes.count > 0 else { return kb }
    let reread = changes.added + changes.edited
    let root = root
    let parser = parser
    let parsed = Loader.parseAll(reread.count) { k in
      Loader.parseWithSnapshot(root: root, file: reread[k], parser: parser, now: now)
    }
    var fresh: [String: (result: EntryParser.Result, snapshot: FileSnapshot?)] = [:]
    for (k, one) in parsed.enumerated() { fresh[reread[k]] = one }
    let removed = Set(changes.removed)
    let goneDisplay = Set((changes.removed + changes.edited).map(displayPath))
    // Paths in order: the old ones (less the removed) merged with the added ones, both sorted.
    var paths: [String] = []
    var snapshots: [FileSnapshot?] = []
    paths.reserveCapacity(files.count + changes.added.count)
    snapshots.reserveCapacity(files.count + changes.added.count)
    let added = changes.added.sorted()
    var a = 0
    for (index, path) in kb.files.paths.enumerated() where !removed.contains(path) {
      while a < added.count, added[a] < path {
        paths.append(added[a])
        snapshots.append(nil)
        a += 1
      }
      paths.append(path)
      snapshots.append(kb.files.snapshots[index])
    }
    for path in added[a...] {
      paths.append(path)
      snapshots.append(nil)
    }
    // Entries in the same order: fresh ones for re-read files, the old ones for the rest
    // (entries follow their files' order; a file that failed has none).
    var picks: [Int32] = []
    var freshEntries: [Entry] = []
    var hashes: [UInt64]? = []
    picks.reserveCapacity(self.entries.count + added.count)
    var diagnostics = self.diagnostics.filter { !goneDisplay.contains($0.location.path) }
    var failed = 0
    var old = 0
    let oldEntries = self.entries
    for (index, path) in paths.enumerated() {
      while old < oldEntries.count, oldEntries.path(at: old) < path { old += 1 }
      let oldEntry = old < oldEntries.count && oldEntries.path(at: old) == path ? old : nil
      if let one = fresh[path] {
        snapshots[index] = one.snapshot
        diagnostics += one.result.diagnostics
        if var entry = one.result.entry {
          if let vocabulary { Loader.canonicalise(&entry, with: vocabulary) }
          entry.kind = entry.kind ?? Loader.defaultKind(for: entry.path, vocabulary: vocabulary)
          picks.append(-1 - Int32(freshEntries.count))
          freshEntries.append(entry)
          if let hash = one.snapshot?.hash { hashes?.append(hash) } else { hashes = nil }
        } else {
          failed += 1
        }
      } else if let oldEntry {
        picks.append(Int32(oldEntry))
        if let all = entryHashes, oldEntry < all.count {
          hashes?.append(all[oldEntry])
        } else {
          hashes = nil
        }
      } else {
        failed += 1
      }
    }
    kb.entries = EntryList(picking: picks, from: oldEntries, fresh: freshEntries)
    kb.files = FileTable(paths: paths, snapshots: snapshots)
    kb.diagnostics = diagnostics
    kb.fileCount = paths.count
    kb.failedFiles = failed
    // The index cache was built for the old content: the index is brought up to date from the
    // index it was (matching entries by path and hash), or built afresh.
    kb.cacheKey = nil
    kb.indexCachePath = nil
    kb.entryHashes = hashes
    return kb
  }
}
