import CacheFormat
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
    var results: [EntryParser.Result?]
    /// Content hash of each file (0 when it could not be read).
    var hashes: [UInt64]
    /// What was known of each file (nil when it could not be read).
    var snapshots: [FileSnapshot?]
  }

  func run() -> Run {
    let old = LoadCache.read(
      cachePath, absoluteRoot: absoluteRoot, displayRoot: root, parser: parser)
    let now = Int64(Date().timeIntervalSince1970)
    let root = root
    let files = files
    let parser = parser
    let records = Loader.parseAll(files.count) { i -> Outcome in
      let display = KnowledgeBase.join(root, files[i])
      let stamp = FileStamp.of(display)
      if let stamp, let cached = old?.record(files[i]), cached.stamp == stamp {
        if !cached.racy { return Outcome(record: cached) }
        // Recently changed: the stamp may hide an edit, so compare the content too.
        if case .success(let bytes) = FileReader.read(display),
          Checksum.of(bytes) == cached.contentHash
        {
          var record = cached
          record.racy = stamp.isRacy(now: now)
          return Outcome(record: record, changed: record.racy != cached.racy)
        }
      }
      switch FileReader.read(display) {
      case .success(let bytes):
        let result = parser.parse(bytes: bytes, path: files[i], displayPath: display)
        guard let stamp else { return Outcome(unrecorded: result) }
        let record = ParseRecord(
          stamp: stamp, contentHash: Checksum.of(bytes), racy: stamp.isRacy(now: now),
          result: result)
        return Outcome(record: record, changed: true)
      case .failure(let why):
        return Outcome(
          unrecorded: EntryParser.Result(
            entry: nil, diagnostics: [.error(SourceLocation(path: display), why.message)]))
      }
    }
    let changed =
      old == nil || old!.count != files.count || records.contains { $0?.changed ?? true }
    if changed {
      var kept: [(String, ParseRecord)] = []
      kept.reserveCapacity(files.count)
      for (i, outcome) in records.enumerated() {
        if let record = outcome?.record { kept.append((files[i], record)) }
      }
      LoadCache.write(
        cachePath, absoluteRoot: absoluteRoot, displayRoot: root, curated: parser.curated,
        records: kept)
    }
    return Run(
      results: records.map { $0?.result }, hashes: records.map { $0?.record?.contentHash ?? 0 },
      snapshots: records.map { outcome in
        outcome?.record.map {
          FileSnapshot(stamp: $0.stamp, hash: $0.contentHash, racy: $0.racy)
        }
      })
  }

  /// What became of one file: its record (kept in the cache) or a result the cache does not keep
  /// (a file that could not be read or stamped), and whether it differs from the cache.
  struct Outcome: Sendable {
    var record: ParseRecord?
    var unrecorded: EntryParser.Result?
    var changed: Bool

    init(record: ParseRecord, changed: Bool = false) {
      self.record = record
      self.changed = changed
    }

    init(unrecorded: EntryParser.Result) {
      self.unrecorded = unrecorded
      self.changed = true
    }

    var result: EntryParser.Result? { record?.result ?? unrecorded }
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
