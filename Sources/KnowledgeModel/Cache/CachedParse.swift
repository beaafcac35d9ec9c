import CacheFormat
import Foundation
import SystemIO

/// Parses the files of a knowledge base, reusing the entries cache for every file whose stamp
/// (size, inode, device, mtime and ctime to the nanosecond) is unchanged — and, for files that
/// were changed within two seconds of being cached, whose content hash is unchanged too. Files
/// added, removed or edited are (re)parsed, and the cache is rewritten when anything changed.
struct CachedParse {
  var root: String
  var absoluteRoot: String
  var files: [String]
  var parser: EntryParser
  var cachePath: String
  /// When a watch daemon vouches for every other file: the files that may have changed since
  /// the cache was known to be current. Only these are stamped; nil stamps every file.
  var touched: Set<String>? = nil
  /// The cache, when the caller has read it already.
  var preread: LoadCache? = nil
  /// For a first cache: how many files are parsed, and their entries encoded and let go of, at
  /// a time.
  var batch = 4096

  struct Run {
    /// Each file's outcome: its diagnostics and where its entry comes from.
    var outcomes: [Outcome]
    /// The cache the unchanged files' entries are read from.
    var cache: LoadCache?
    /// Content hash of each file (0 when it could not be read).
    var hashes: [UInt64]
    /// What was known of each file (nil when it could not be read).
    var snapshots: [FileSnapshot?]
    /// The payload checksum of the cache on disk that records exactly these files, when there
    /// is one: every file recorded, and the cache written (or unchanged and read).
    var cacheChecksum: UInt64?
    /// Whether the entries parsed were let go of, to be read from `cache` (a first cache).
    var entriesLetGo = false
  }

  func run() -> Run {
    let old =
      preread
      ?? LoadCache.read(cachePath, absoluteRoot: absoluteRoot, displayRoot: root, parser: parser)
    let touched = touched
    let now = Int64(Date().timeIntervalSince1970)
    let root = root
    let files = files
    let parser = parser
    // Folders opened once for a stamp of every file; for the few files a daemon names, a
    // path each is enough.
    let folders = touched == nil ? Folders(root: root, files: files) : nil
    let progress = LoadProgress.shared
    progress.begin(.parsing, total: files.count)
    defer { progress.end() }
    let parse: @Sendable (Int) -> Outcome = { i in
      progress.advance()
      // A file the watch daemon saw no event for is as the cache has it: no stamp to take,
      // and no content to compare even when its stamp was racy.
      if let touched, !touched.contains(files[i]), let old,
        let n = old.number(of: files[i], guess: i), let head = old.head(n, files[i])
      {
        return Outcome(cached: head, number: n)
      }
      // With no cache to compare with, the file is opened once and stamped as it is read.
      if old == nil, let folders {
        let (stamp, read) = folders.read(i)
        return Self.parsed(read, stamp: stamp, file: files[i], root: root, parser: parser, now: now)
      }
      let stamp = folders?.stamp(i) ?? FileStamp.of(KnowledgeBase.join(root, files[i]))
      if let stamp, let old, let n = old.number(of: files[i], guess: i),
        let head = old.head(n, files[i]), head.stamp == stamp
      {
        if !head.racy { return Outcome(cached: head, number: n) }
        let display = KnowledgeBase.join(root, files[i])
        // Recently changed: the stamp may hide an edit, so compare the content too.
        if case .success(let bytes) = FileReader.read(display),
          Checksum.of(bytes) == head.contentHash
        {
          var outcome = Outcome(cached: head, number: n)
          outcome.racy = stamp.isRacy(now: now)
          outcome.changed = outcome.racy != head.racy
          return outcome
        }
      }
      let read = FileReader.read(KnowledgeBase.join(root, files[i]))
      return Self.parsed(read, stamp: stamp, file: files[i], root: root, parser: parser, now: now)
    }
    // A first cache, when it can be written, is made as the files are parsed, a batch at a
    // time, and each batch's entries let go as soon as they are encoded.
    if old == nil, Self.canWrite(cachePath) {
      if let run = firstCache(parse) { return run }
      // Not written (which `CacheFile.failures` says) or not read back: parsed again, the
      // entries kept this time, and not written again.
      progress.begin(.parsing, total: files.count)
      let outcomes = Loader.parseAll(files.count, parse).map { $0! }
      return Run(
        outcomes: outcomes, cache: nil, hashes: outcomes.map(\.contentHash),
        snapshots: outcomes.map(\.snapshot), cacheChecksum: nil)
    }
    let outcomes = Loader.parseAll(files.count, parse).map { $0! }
    let changed = old == nil || old!.count != files.count || outcomes.contains { $0.changed }
    var cacheChecksum = changed ? nil : old?.payloadChecksum
    if changed {
      progress.begin(.writing)
      cacheChecksum = write(outcomes, old: old)
    }
    return Run(
      outcomes: outcomes, cache: old, hashes: outcomes.map(\.contentHash),
      snapshots: outcomes.map(\.snapshot), cacheChecksum: cacheChecksum)
  }

  /// Parses every file (`parse`) for a first cache, encoding and writing each batch's records
  /// at once and letting go of its entries, then writes the payload and reads the cache back:
  /// the outcomes' entries are then read from it, as a warm start reads them, with bodies left
  /// in the file. Nil as soon as the cache cannot be written, or when it cannot be read back
  /// (the caller parses again and keeps what it parses).
  private func firstCache(_ parse: @Sendable (Int) -> Outcome) -> Run? {
    var encoder = LoadCache.Encoder(
      path: cachePath, absoluteRoot: absoluteRoot, displayRoot: root, curated: parser.curated)
    var outcomes: [Outcome] = []
    outcomes.reserveCapacity(files.count)
    for start in stride(from: 0, to: files.count, by: batch) {
      let end = min(files.count, start + batch)
      // The next batch's files are asked of the disk while this one is parsed.
      let next = (end..<min(files.count, end + batch)).map { KnowledgeBase.join(root, files[$0]) }
      let readAhead = ReadAhead(next)
      defer { readAhead.wait() }
      var parsed = Loader.parseAll(end - start) { parse(start + $0) }
      var records: [(String, RecordBox)] = []
      records.reserveCapacity(parsed.count)
      for k in parsed.indices {
        if let box = parsed[k]?.recordBox { records.append((files[start + k], box)) }
      }
      let first = encoder.count
      encoder.add(records)
      records = []
      if encoder.failed {
        _ = encoder.write()  // says why
        return nil
      }
      // Each file's record number in the cache, then the outcomes without their entries,
      // made on every core: letting go of a batch's entries costs about as much as making
      // them, and one thread doing it would leave the other cores idle.
      var numbers = [Int](repeating: -1, count: parsed.count)
      var n = first
      for k in parsed.indices where parsed[k]?.isRecorded == true {
        numbers[k] = n
        n += 1
      }
      let numbered = numbers
      let count = parsed.count
      let parts = max(1, min(64, count / 16))
      let made = parsed.withUnsafeMutableBufferPointer { buffer in
        nonisolated(unsafe) let slots = buffer
        return Loader.parseAll(parts) { p in
          var part: [Outcome] = []
          for k in (p * count / parts)..<((p + 1) * count / parts) {
            let outcome = slots[k].take()!
            if let box = outcome.recordBox {
              part.append(Outcome(written: box, number: numbered[k]))
            } else {
              part.append(outcome)
            }
          }
          return part
        }
      }
      for part in made { outcomes += part! }
    }
    LoadProgress.shared.begin(.writing)
    guard let checksum = encoder.write(),
      let cache = LoadCache.read(
        cachePath, absoluteRoot: absoluteRoot, displayRoot: root, parser: parser),
      cache.payloadChecksum == checksum, cache.count == encoder.count
    else { return nil }
    return Run(
      outcomes: outcomes, cache: cache, hashes: outcomes.map(\.contentHash),
      snapshots: outcomes.map(\.snapshot),
      cacheChecksum: encoder.count == files.count ? checksum : nil, entriesLetGo: true)
  }

  /// What became of file `file`, read (`read`) after it was stamped (`stamp`, nil when it could
  /// not be: its result is then not recorded).
  private static func parsed(
    _ read: Result<[UInt8], FileReader.Failure>, stamp: FileStamp?, file: String, root: String,
    parser: EntryParser, now: Int64
  ) -> Outcome {
    let display = KnowledgeBase.join(root, file)
    switch read {
    case .success(let bytes):
      let result = parser.parse(bytes: bytes, path: file, displayPath: display)
      guard let stamp else { return Outcome(unrecorded: result) }
      let record = ParseRecord(
        stamp: stamp, contentHash: Checksum.of(bytes), racy: stamp.isRacy(now: now),
        result: result)
      return Outcome(record: record)
    case .failure(let why):
      return Outcome(
        unrecorded: EntryParser.Result(
          entry: nil, diagnostics: [.error(SourceLocation(path: display), why.message)]))
    }
  }

  /// Whether a file can be made where the cache goes (its folder made if need be).
  private static func canWrite(_ path: String) -> Bool {
    let folder = Files.folder(of: path)
    guard (try? Files.makeDirectories(folder)) != nil else { return false }
    return access(folder, W_OK) == 0
  }

  /// Writes the cache of these outcomes: from the older cache when there is one, copying what
  /// it keeps as it lies (`LoadCache.update`), else whole. Returns the payload checksum when the
  /// cache written records every file.
  private func write(_ outcomes: [Outcome], old: LoadCache?) -> UInt64? {
    guard let old else {
      // A first cache: every record is fresh, handed on in its box.
      var whole: [(String, RecordBox)] = []
      whole.reserveCapacity(outcomes.count)
      for (i, outcome) in outcomes.enumerated() {
        if let box = outcome.recordBox { whole.append((files[i], box)) }
      }
      let written = LoadCache.write(
        cachePath, absoluteRoot: absoluteRoot, displayRoot: root, curated: parser.curated,
        records: whole)
      return whole.count == files.count ? written : nil
    }
    var kept: [(String, LoadCache.Kept)] = []
    kept.reserveCapacity(files.count)
    for (i, outcome) in outcomes.enumerated() {
      if let box = outcome.recordBox {
        kept.append((files[i], .fresh(box)))
      } else if outcome.isCached {
        kept.append((files[i], .old(outcome.number, racy: outcome.changed ? outcome.racy : nil)))
      }
    }
    let every = kept.count == files.count
    switch old.update(
      cachePath, absoluteRoot: absoluteRoot, curated: parser.curated, records: kept)
    {
    case .written(let checksum): return every ? checksum : nil
    case .failed: return nil
    case .wholeInstead: break
    }
    var whole: [(String, RecordBox)] = []
    whole.reserveCapacity(kept.count)
    for (file, record) in kept {
      switch record {
      case .fresh(let box): whole.append((file, box))
      case .old(let n, let racy):
        guard var record = old.record(n, file) else { continue }
        if let racy { record.racy = racy }
        whole.append((file, RecordBox(record)))
      }
    }
    let written = LoadCache.write(
      cachePath, absoluteRoot: absoluteRoot, displayRoot: root, curated: parser.curated,
      records: whole)
    return whole.count == files.count ? written : nil
  }

  /// The folders the files are in, each opened once, so that a file's stamp is taken relative
  /// to its folder (a path walk of one name, not of the whole path, for each file).
  final class Folders: Sendable {
    private let descriptors: [Int32]
    /// For each file, its folder's number and where its name begins.
    private let places: [(folder: Int32, name: Int32)]
    private let files: [String]
    private let root: String

    init(root: String, files: [String]) {
      self.root = root
      self.files = files
      var numbers: [String: Int32] = [:]
      var descriptors: [Int32] = []
      var places: [(Int32, Int32)] = []
      places.reserveCapacity(files.count)
      // Files come sorted, so a folder's files mostly follow one another: the last folder is
      // compared first.
      var last: (folder: Substring.UTF8View, number: Int32)?
      for file in files {
        let utf8 = file.utf8
        let cut = utf8.lastIndex(of: UInt8(ascii: "/"))
        let folder = cut.map { utf8[..<$0] } ?? utf8[utf8.startIndex..<utf8.startIndex]
        let name = Int32(cut.map { utf8.distance(from: utf8.startIndex, to: $0) + 1 } ?? 0)
        if let last, last.folder.elementsEqual(folder) {
          places.append((last.number, name))
          continue
        }
        let key = String(Substring(folder))
        let number: Int32
        if let known = numbers[key] {
          number = known
        } else {
          let path = key.isEmpty ? root : KnowledgeBase.join(root, key)
          number = Int32(descriptors.count)
          numbers[key] = number
          descriptors.append(open(path.isEmpty ? "." : path, O_RDONLY | O_DIRECTORY | O_CLOEXEC))
        }
        last = (folder, number)
        places.append((number, name))
      }
      self.descriptors = descriptors
      self.places = places
    }

    deinit { for fd in descriptors where fd >= 0 { close(fd) } }

    /// The stamp of file `i`, or nil when it cannot be stat'ed.
    func stamp(_ i: Int) -> FileStamp? {
      withName(i) { FileStamp.of($0, in: $1) } ?? FileStamp.of(KnowledgeBase.join(root, files[i]))
    }

    /// The bytes of file `i` and its stamp, taken from the open file before it is read (one
    /// open of one name and one `fstat`, where a stamp and then a read walk the name twice and
    /// stat the file twice); the stamp is nil when the file could not be read.
    func read(_ i: Int) -> (stamp: FileStamp?, bytes: Result<[UInt8], FileReader.Failure>) {
      let path = KnowledgeBase.join(root, files[i])
      return withName(i) { FileReader.read($0, in: $1, path: path) }
        ?? FileReader.readStamped(path)
    }

    /// `body` of file `i`'s name (a C string) and its open folder; nil when the folder could
    /// not be opened.
    private func withName<R>(_ i: Int, _ body: (UnsafePointer<CChar>, Int32) -> R) -> R? {
      let (folder, name) = places[i]
      let fd = descriptors[Int(folder)]
      guard fd >= 0 else { return nil }
      var file = files[i]
      let start = Int(name)
      return file.withUTF8 { bytes in
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count - start + 1) { c in
          for k in start..<bytes.count { c[k - start] = CChar(bitPattern: bytes[k]) }
          c[bytes.count - start] = 0
          return body(c.baseAddress!, fd)
        }
      }
    }
  }

  /// What became of one file: parsed again (a record kept in the cache, or a result the cache
  /// does not keep: a file that could not be read or stamped), or unchanged since the cache
  /// (its record's head read, the entry left where it is); and whether it differs from the
  /// cache. Small, since there is one per file: what a fresh parse made is kept in a box.
  struct Outcome: Sendable {
    final class Unrecorded: Sendable {
      let result: EntryParser.Result

      init(_ result: EntryParser.Result) { self.result = result }
    }

    /// A record parsed this time, or a result that is not recorded: at most one of them.
    private(set) var recordBox: RecordBox?
    private var unrecorded: Unrecorded?
    /// For a file unchanged since the cache: its record's number there, where its entry
    /// begins (-1 when it has none), and its diagnostics.
    var number = 0
    private var entryPlace = -1
    private var cachedDiagnostics: [Diagnostic] = []
    /// For a file recorded (parsed again or unchanged): its stamp, whether that is racy, and
    /// its content hash (0 for a file not recorded).
    private var stamp: FileStamp?
    var racy = false
    var contentHash: UInt64 = 0
    var changed: Bool

    /// Whether this holds a record parsed this time (one a cache keeps).
    var isRecorded: Bool { recordBox != nil }

    init(record: ParseRecord) {
      stamp = record.stamp
      racy = record.racy
      contentHash = record.contentHash
      recordBox = RecordBox(record)
      changed = true
    }

    /// A file parsed and written as record number `number` of a first cache, its entry let go
    /// of (it is read from the cache).
    init(written box: RecordBox, number: Int) {
      self.number = number
      entryPlace = box.record.result.entry == nil ? -1 : number
      stamp = box.record.stamp
      racy = box.record.racy
      cachedDiagnostics = box.record.result.diagnostics
      contentHash = box.record.contentHash
      changed = true
    }

    init(cached head: RecordHead, number: Int) {
      self.number = number
      entryPlace = head.entryPlace ?? -1
      stamp = head.stamp
      racy = head.racy
      cachedDiagnostics = head.diagnostics
      contentHash = head.contentHash
      changed = false
    }

    init(unrecorded: EntryParser.Result) {
      self.unrecorded = Unrecorded(unrecorded)
      changed = true
    }

    var isCached: Bool { recordBox == nil && unrecorded == nil }

    /// What was known of the file, for live reload (nil when it was not recorded).
    var snapshot: FileSnapshot? {
      stamp.map { FileSnapshot(stamp: $0, hash: contentHash, racy: racy) }
    }

    var diagnostics: [Diagnostic] {
      if let recordBox { return recordBox.record.result.diagnostics }
      return unrecorded?.result.diagnostics ?? cachedDiagnostics
    }

    /// Where the entry comes from, or nil when the file has none.
    var source: RecordedEntries.Source? {
      if let recordBox { return recordBox.record.result.entry.map { .parsed($0) } }
      if let unrecorded { return unrecorded.result.entry.map { .parsed($0) } }
      return entryPlace >= 0 ? .cached(entryPlace) : nil
    }
  }

  /// A key for everything the index is built from: the vocabulary, whether there is one, and
  /// every file's path and content.
  static func contentKey(files: [String], hashes: [UInt64], vocabulary: [UInt8]?, curated: Bool)
    -> UInt64
  {
    var w = BinaryWriter()
    w.uint(CacheFile.formatVersion)
    w.bool(curated)
    w.fixed64(vocabulary.map { Checksum.of($0) } ?? 0)
    for (file, hash) in zip(files, hashes) {
      w.string(file)
      w.fixed64(hash)
    }
    return Checksum.of(w.bytes)
  }
}
