import Foundation

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

  struct Run {
    /// Each file's outcome: its diagnostics and where its entry comes from.
    var outcomes: [Outcome]
    /// The cache the unchanged files' entries are read from.
    var cache: LoadCache?
    /// Content hash of each file (0 when it could not be read).
    var hashes: [UInt64]
  }

  func run() -> Run {
    let old = LoadCache.read(
      cachePath, absoluteRoot: absoluteRoot, displayRoot: root, parser: parser)
    let now = Int64(Date().timeIntervalSince1970)
    let root = root
    let files = files
    let parser = parser
    let folders = Folders(root: root, files: files)
    let outcomes = Loader.parseAll(files.count) { i -> Outcome in
      let stamp = folders.stamp(i)
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
          outcome.head!.racy = stamp.isRacy(now: now)
          outcome.changed = outcome.head!.racy != head.racy
          return outcome
        }
      }
      let display = KnowledgeBase.join(root, files[i])
      switch FileReader.read(display) {
      case .success(let bytes):
        let result = parser.parse(bytes: bytes, path: files[i], displayPath: display)
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
    }.map { $0! }
    let changed = old == nil || old!.count != files.count || outcomes.contains { $0.changed }
    if changed {
      var kept: [(String, ParseRecord)] = []
      kept.reserveCapacity(files.count)
      for (i, outcome) in outcomes.enumerated() {
        if let record = outcome.record {
          kept.append((files[i], record))
        } else if let head = outcome.head, let old,
          var record = old.record(outcome.number, files[i])
        {
          record.racy = head.racy
          kept.append((files[i], record))
        }
      }
      LoadCache.write(
        cachePath, absoluteRoot: absoluteRoot, displayRoot: root, curated: parser.curated,
        records: kept)
    }
    return Run(outcomes: outcomes, cache: old, hashes: outcomes.map(\.contentHash))
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
      var numbers: [Substring: Int32] = [:]
      var descriptors: [Int32] = []
      var places: [(Int32, Int32)] = []
      places.reserveCapacity(files.count)
      for file in files {
        let cut = file.lastIndex(of: "/")
        let folder = cut.map { file[..<$0] } ?? ""
        let name = Int32(cut.map { file.utf8.distance(from: file.startIndex, to: $0) + 1 } ?? 0)
        if let n = numbers[folder] {
          places.append((n, name))
          continue
        }
        let path = folder.isEmpty ? root : KnowledgeBase.join(root, String(folder))
        let fd = open(path.isEmpty ? "." : path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        numbers[folder] = Int32(descriptors.count)
        places.append((Int32(descriptors.count), name))
        descriptors.append(fd)
      }
      self.descriptors = descriptors
      self.places = places
    }

    deinit { for fd in descriptors where fd >= 0 { close(fd) } }

    /// The stamp of file `i`, or nil when it cannot be stat'ed.
    func stamp(_ i: Int) -> FileStamp? {
      let (folder, name) = places[i]
      let fd = descriptors[Int(folder)]
      guard fd >= 0 else { return FileStamp.of(KnowledgeBase.join(root, files[i])) }
      let file = files[i]
      let start = file.utf8.index(file.startIndex, offsetBy: Int(name))
      return FileStamp.of(file[start...], in: fd)
    }
  }

  /// What became of one file: parsed again (a record kept in the cache, or a result the cache
  /// does not keep: a file that could not be read or stamped), or unchanged since the cache
  /// (its record's head, the entry left where it is); and whether it differs from the cache.
  struct Outcome: Sendable {
    var record: ParseRecord?
    var unrecorded: EntryParser.Result?
    var head: RecordHead?
    /// The record's number in the cache, with `head`.
    var number = 0
    var changed: Bool

    init(record: ParseRecord) {
      self.record = record
      self.changed = true
    }

    init(cached head: RecordHead, number: Int) {
      self.head = head
      self.number = number
      self.changed = false
    }

    init(unrecorded: EntryParser.Result) {
      self.unrecorded = unrecorded
      self.changed = true
    }

    var diagnostics: [Diagnostic] {
      head?.diagnostics ?? (record?.result ?? unrecorded)?.diagnostics ?? []
    }

    /// Where the entry comes from, or nil when the file has none.
    var source: RecordedEntries.Source? {
      if let head { return head.entryPlace.map { .cached($0) } }
      return (record?.result ?? unrecorded)?.entry.map { .parsed($0) }
    }

    var contentHash: UInt64 { head?.contentHash ?? record?.contentHash ?? 0 }
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
