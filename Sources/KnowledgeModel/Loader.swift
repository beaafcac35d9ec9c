import CSocket
import Dispatch
import Foundation
import SystemIO

/// Loads a folder of Markdown files with front matter. A broken file never stops the others.
public enum Loader {
  /// Loads the knowledge base in the folder `root` (as named by the user).
  /// With a `cache`, files unchanged since the last load are not parsed again (see
  /// `CachedParse`), and the knowledge base carries the key and place of its index cache.
  /// Entries keep where each key and value was written only with `locations` and no cache (the
  /// cache does not keep them); `check` asks for none and reads the file of an entry with a
  /// problem again. Without `bodies` (and no cache), entries keep only whether their body is
  /// blank: all `check` needs of it. Without a cache, a load of as many files as `spill` says
  /// that keeps bodies and no places goes through a first cache in a scratch folder, removed
  /// before this returns: its entries are then read as from a cache, bodies left in the
  /// (unlinked, still open) file. The knowledge base keeps `spill`, for its index.
  public static func load(
    _ root: String, cache: CacheLocation? = nil, locations: Bool = true, bodies: Bool = true,
    spill: SpillPolicy = .standard
  ) throws(KnowledgeBaseError) -> KnowledgeBase {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
      throw .notFound(root)
    }
    guard isDirectory.boolValue else { throw .notADirectory(root) }

    var diagnostics: [Diagnostic] = []
    var vocabulary: Vocabulary?
    var vocabularyBytes: [UInt8]?
    var vocabularySnapshot: FileSnapshot?
    let now = Int64(Date().timeIntervalSince1970)
    let vocabularyPath = KnowledgeBase.join(root, KnowledgeBase.vocabularyFile)
    if FileManager.default.fileExists(atPath: vocabularyPath) {
      let stamp = FileStamp.of(vocabularyPath)
      switch FileReader.read(vocabularyPath) {
      case .success(let bytes):
        vocabularyBytes = bytes
        vocabularySnapshot = .of(bytes, stamp: stamp, now: now)
        let (v, d) = VocabularyReader.read(
          text: String(decoding: bytes, as: UTF8.self), displayPath: vocabularyPath)
        vocabulary = v ?? Vocabulary()
        diagnostics += d
      case .failure(let why):
        diagnostics.append(.error(SourceLocation(path: vocabularyPath), why.message))
        vocabulary = Vocabulary()
      }
    }

    let parser = EntryParser(
      curated: vocabulary != nil, locations: locations && cache == nil,
      bodies: bodies || cache != nil)
    let absolute = CacheLocation.absolute(root)
    let (files, walkDiagnostics, watched) = entryFiles(
      root: root, absolute: absolute, cache: cache, parser: parser)
    diagnostics += walkDiagnostics
    var cacheKey: UInt64?
    var settingsKey: UInt64?
    var entryHashes: [UInt64]?
    var indexCachePath: String?
    let snapshots: [FileSnapshot?]
    var entries: EntryList
    var failed = 0
    var parsedEntriesLetGo = false
    let known = vocabulary
    let finish: @Sendable (inout Entry) -> Void = { entry in
      if let known { canonicalise(&entry, with: known) }
      entry.kind = entry.kind ?? defaultKind(for: entry.path, vocabulary: known)
    }
    // A large load without cache, for searching, spills its entries to a scratch folder as a
    // first cache would write them, and reads them back from there (the file unlinked at
    // once): its bodies are never all held (`ScratchFolder`).
    let scratch = cache == nil && bodies && !locations ? spill.folder(for: files.count) : nil
    defer { scratch?.remove() }
    if let entriesPath = cache.map({ $0.files(for: absolute).entries }) ?? scratch?.file("entries")
    {
      let cached = CachedParse(
        root: root, absoluteRoot: absolute, files: files, parser: parser, cachePath: entriesPath,
        touched: watched?.touched, preread: watched?.preread)
      let run = cached.run()
      if let watched {
        settle(
          watched, files: files.count, cacheChecksum: run.cacheChecksum,
          walkWasClean: walkDiagnostics.isEmpty)
      }
      snapshots = run.snapshots
      // The keys and hashes let an index be brought up to date after edits, entry by entry;
      // only a cache has an index file to key.
      if let cache {
        cacheKey = CachedParse.contentKey(
          files: files, hashes: run.hashes, vocabulary: vocabularyBytes, curated: parser.curated)
        indexCachePath = cache.files(for: absolute).index
      }
      settingsKey = CachedParse.contentKey(
        files: [], hashes: [], vocabulary: vocabularyBytes, curated: parser.curated)
      var sources: [(file: Int, source: RecordedEntries.Source)] = []
      sources.reserveCapacity(files.count)
      for (i, outcome) in run.outcomes.enumerated() {
        diagnostics += outcome.diagnostics
        if let source = outcome.source {
          sources.append((i, source))
        } else {
          failed += 1
        }
      }
      entryHashes = sources.map { run.hashes[$0.file] }
      // Parsed entries are finished only where they are kept (not when read back).
      func finished() -> [(file: Int, source: RecordedEntries.Source)] {
        sources.map { item in
          guard case .parsed(var entry) = item.source else { return item }
          finish(&entry)
          return (item.file, .parsed(entry))
        }
      }
      // A first cache's entries were let go of as they were written, and are read from it.
      parsedEntriesLetGo = run.entriesLetGo
      if let cache = run.cache {
        entries = EntryList(
          recorded: RecordedEntries(
            cache: cache, files: files, sources: finished(), finish: finish))
      } else {
        entries = EntryList(
          finished().compactMap { if case .parsed(let e) = $0.source { e } else { nil } })
      }
    } else {
      let progress = LoadProgress.shared
      progress.begin(.parsing, total: files.count)
      defer { progress.end() }
      // The files are asked of the disk ahead of the cores that parse them.
      let readAhead = ReadAhead(files.map { KnowledgeBase.join(root, $0) })
      defer { readAhead.wait() }
      // Each entry is finished where it is parsed, on every core.
      var read = parseAll(files.count) { i in
        progress.advance()
        var read = parseWithSnapshot(root: root, file: files[i], parser: parser, now: now)
        if read.result.entry != nil { finish(&read.result.entry!) }
        return read
      }
      var list: [Entry] = []
      list.reserveCapacity(files.count)
      var taken: [FileSnapshot?] = []
      taken.reserveCapacity(files.count)
      // Each result moved out, not copied and released.
      for i in read.indices {
        let item = read[i].take()
        taken.append(item?.snapshot)
        guard let result = item?.result else { continue }
        diagnostics += result.diagnostics
        if let entry = result.entry {
          list.append(entry)
        } else {
          failed += 1
        }
      }
      snapshots = taken
      entries = EntryList(list)
    }

    // The parsed entries are freed by now; their memory (most of the load's) is given back.
    if parsedEntriesLetGo { ProcessMemory.giveBack() }
    let folderName = URL(fileURLWithPath: root).standardizedFileURL.lastPathComponent
    var kb = KnowledgeBase(
      root: root, name: vocabulary?.name ?? folderName, vocabulary: vocabulary, entries: entries,
      diagnostics: diagnostics, fileCount: files.count, failedFiles: failed)
    kb.cacheKey = cacheKey
    kb.settingsKey = settingsKey
    kb.entryHashes = entryHashes
    kb.watch = cache?.watch
    kb.indexCachePath = indexCachePath
    kb.files = FileTable(paths: files, snapshots: snapshots)
    kb.vocabularySnapshot = vocabularySnapshot
    kb.parser = parser
    kb.spill = spill
    kb.filesLookedAt = watched?.touched.map { $0.count } ?? files.count
    return kb
  }

  /// Reads and parses one file, with the snapshot of what was read (its stamp taken from the
  /// open file before it is read, so that an edit made while reading is seen as a change later).
  static func parseWithSnapshot(root: String, file: String, parser: EntryParser, now: Int64)
    -> (result: EntryParser.Result, snapshot: FileSnapshot?)
  {
    let display = KnowledgeBase.join(root, file)
    let (stamp, read) = FileReader.readStamped(display)
    switch read {
    case .success(let bytes):
      return (
        parser.parse(bytes: bytes, path: file, displayPath: display),
        .of(bytes, stamp: stamp, now: now)
      )
    case .failure(let why):
      return (
        EntryParser.Result(
          entry: nil, diagnostics: [.error(SourceLocation(path: display), why.message)]), nil
      )
    }
  }

  /// Runs `work` for 0..<count, on every core when there are many.
  static func parseAll<T: Sendable>(_ count: Int, _ work: @Sendable (Int) -> T) -> [T?] {
    var results = [T?](repeating: nil, count: count)
    if count < 64 {
      for i in 0..<count { results[i] = work(i) }
    } else {
      results.withUnsafeMutableBufferPointer { buffer in
        nonisolated(unsafe) let slots = buffer
        DispatchQueue.concurrentPerform(iterations: count) { i in slots[i] = work(i) }
      }
    }
    return results
  }

  /// Replaces aliases by canonical values, so that every later stage sees one spelling.
  static func canonicalise(_ entry: inout Entry, with vocabulary: Vocabulary) {
    func fix(_ values: [String], _ facet: Facet) -> [String] {
      values.map { vocabulary.resolve($0, in: facet) ?? $0 }
    }
    entry.tags = fix(entry.tags, .tag)
    entry.offices = fix(entry.offices, .office)
    entry.outcomes = fix(entry.outcomes, .outcome)
    if let kind = entry.kind { entry.kind = vocabulary.resolve(kind, in: .kind) ?? kind }
  }

  /// A file under `principles/` is a principle unless it says otherwise (when the vocabulary, or
  /// the built-in kinds, know the singular).
  static func defaultKind(for path: String, vocabulary: Vocabulary?) -> String? {
    let parts = path.split(separator: "/")
    guard parts.count >= 2 else { return nil }
    let folder = parts[parts.count - 2].lowercased()
    let singular = folder.hasSuffix("s") ? String(folder.dropLast()) : folder
    let known = vocabulary.map { $0.names(in: .kind) } ?? ["principle", "practice", "lesson"]
    return known.contains(singular) ? (vocabulary?.resolve(singular, in: .kind) ?? singular) : nil
  }
}

extension Vocabulary {
  /// The entry with aliases replaced by canonical values, as the loader stores it.
  public func canonicalised(_ entry: Entry) -> Entry {
    var entry = entry
    Loader.canonicalise(&entry, with: self)
    return entry
  }
}
