import CacheFormat
import Foundation

/// The entries cache: every file's parse result, keyed by its path relative to the root, for the
/// knowledge base at one absolute path, parsed with or without a vocabulary.
///
/// The payload holds, for each file, its path and the *head* of its record (stamp, content hash,
/// diagnostics) and where its entry's record lies; the entries' records and their bodies lie in
/// a blocks file beside it (`BlocksFile`), which a change only adds to. Reading the cache reads
/// the payload only; an entry is read (and checked) when asked for, on as many threads as ask,
/// and a body when it is needed.
final class LoadCache: Sendable {
  /// The files recorded, in the order written (the order of the last load's folder walk), where
  /// each one's head lies in the payload, and where its entry lies in the block of records.
  private let names: [String]
  private let heads: [Range<Int>]
  private let entries: [EntryPlace]
  /// Record numbers by file, made only when the files are not in the recorded order.
  private let numbers: Memo<[String: Int]>
  private let payload: BinaryReader
  /// The blocks file, open, with the length the payload reaches into it.
  private let store: BodyStore
  private let blocks: Blocks
  private let displayRoot: String

  /// What the payload says of its blocks file: which one it is, how far into it the records and
  /// bodies it names reach, how many bytes of records were added to it in all (the dead ones
  /// too), and how long it was when the cache was last written whole.
  struct Blocks {
    var generation: UInt64
    var length: Int
    var recordBytes: Int
    var wholeSize: Int

    func write(to w: inout BinaryWriter) {
      w.fixed64(generation)
      w.fixed64(UInt64(length))
      w.fixed64(UInt64(recordBytes))
      w.fixed64(UInt64(wholeSize))
    }

    /// Writes these over the ones written at `offset` of `w`.
    func patch(_ w: inout BinaryWriter, at offset: Int) {
      w.patch64(generation, at: offset)
      w.patch64(UInt64(length), at: offset + 8)
      w.patch64(UInt64(recordBytes), at: offset + 16)
      w.patch64(UInt64(wholeSize), at: offset + 24)
    }

    static func read(from r: inout BinaryReader) throws(BinaryReader.Damaged) -> Blocks {
      Blocks(
        generation: try r.fixed64(), length: Int(clamping: try r.fixed64()),
        recordBytes: Int(clamping: try r.fixed64()), wholeSize: Int(clamping: try r.fixed64()))
    }
  }

  /// An entry's record in the blocks file (where it begins in the file), and its checksum
  /// (length 0: no entry).
  struct EntryPlace: Sendable {
    var offset: Int
    var length: Int
    var checksum: UInt64
  }

  static let kind: UInt8 = 1

  var count: Int { heads.count }
  /// The checksum of the cache file's payload (its names and record heads): which cache this is.
  let payloadChecksum: UInt64
  /// The files recorded, in the order the folder walk gave them.
  var files: [String] { names }

  /// The blocks file this cache reads its records and bodies from.
  var blocksPath: String { store.path }

  /// The record number of the file at `relative`, expected at `guess` (its place in the walk).
  func number(of relative: String, guess: Int) -> Int? {
    if guess < names.count, names[guess] == relative { return guess }
    return numbers.get[relative]
  }

  /// The cache file at `path`, or nil when it is missing, damaged, or belongs to another
  /// knowledge base or another vocabulary setting.
  static func read(_ path: String, absoluteRoot: String, displayRoot: String, parser: EntryParser)
    -> LoadCache?
  {
    guard let file = CacheFile.open(path) else { return nil }
    do {
      var r = file.payload
      guard try r.byte() == kind, try r.string() == absoluteRoot,
        try r.bool() == parser.curated
      else { return nil }
      let blocks = try Blocks.read(from: &r)
      let blocksPath = BlocksFile.path(of: path, generation: blocks.generation)
      guard
        let opened = BlocksFile.open(
          blocksPath, generation: blocks.generation, length: blocks.length)
      else { return nil }
      let store = BodyStore(
        file: opened, path: blocksPath, length: blocks.length, displayRoot: displayRoot,
        parser: parser)
      let n = try r.count()
      var names: [String] = []
      var heads: [Range<Int>] = []
      var entries: [EntryPlace] = []
      names.reserveCapacity(n)
      heads.reserveCapacity(n)
      entries.reserveCapacity(n)
      for _ in 0..<n {
        names.append(try r.string())
        let length = try r.count()
        heads.append(r.position..<r.position + length)
        try r.skip(length)
        let place = EntryPlace(
          offset: Int(clamping: try r.uint()), length: Int(clamping: try r.uint()),
          checksum: try r.fixed64())
        guard place.length == 0 || place.offset >= BlocksFile.headerSize,
          place.offset <= blocks.length, place.length <= blocks.length - place.offset
        else { return nil }
        entries.append(place)
      }
      guard r.isAtEnd else { return nil }
      return LoadCache(
        names: names, heads: heads, entries: entries, payload: r.reader(at: 0), store: store,
        blocks: blocks, displayRoot: displayRoot, payloadChecksum: file.payloadChecksum)
    } catch {
      return nil
    }
  }

  private init(
    names: [String], heads: [Range<Int>], entries: [EntryPlace], payload: BinaryReader,
    store: BodyStore, blocks: Blocks, displayRoot: String, payloadChecksum: UInt64
  ) {
    self.payloadChecksum = payloadChecksum
    self.names = names
    self.heads = heads
    self.entries = entries
    self.payload = payload
    self.store = store
    self.blocks = blocks
    self.displayRoot = displayRoot
    numbers = Memo {
      var map: [String: Int] = [:]
      map.reserveCapacity(names.count)
      for (n, name) in names.enumerated() where map[name] == nil { map[name] = n }
      return map
    }
  }

  /// The whole record number `n` (of the file at `relative`), or nil when it does not decode.
  func record(_ n: Int, _ relative: String) -> ParseRecord? {
    guard let head = head(n, relative) else { return nil }
    var entry: Entry?
    if head.entryPlace != nil {
      guard let read = storedEntry(n, relative) else { return nil }
      entry = read
    }
    return ParseRecord(
      stamp: head.stamp, contentHash: head.contentHash, racy: head.racy,
      result: EntryParser.Result(entry: entry, diagnostics: head.diagnostics))
  }

  /// The head of record number `n`: stamp, content hash, diagnostics, and whether it has an
  /// entry (`entryPlace` is then `n`). The entry itself is read only when asked for.
  func head(_ n: Int, _ relative: String) -> RecordHead? {
    var r = payload.reader(at: heads[n].lowerBound)
    guard
      var head = try? RecordCoder.readHead(
        from: &r,
        coder: { RecordCoder(displayPath: KnowledgeBase.join(displayRoot, relative), store: store) }
      ),
      r.position == heads[n].upperBound
    else { return nil }
    if head.entryPlace != nil { head.entryPlace = n }
    return head
  }

  /// The entry of record number `n` (from `head`), for the file at `relative`; when it cannot be
  /// read or does not match its checksum, the file is parsed again.
  func entry(_ n: Int, _ relative: String) -> Entry? {
    if let entry = storedEntry(n, relative) { return entry }
    store.discard()
    let display = KnowledgeBase.join(displayRoot, relative)
    guard case .success(let bytes) = FileReader.read(display) else { return nil }
    return store.parser.parse(bytes: bytes, path: relative, displayPath: display).entry
  }

  /// The entry of record number `n` as `entry(_:_:)` gives it, but read through `reads`, and
  /// with its body read too rather than left in the file: for a walk of every entry.
  func entry(_ n: Int, _ relative: String, through reads: WindowedReads) -> Entry? {
    let place = entries[n]
    guard
      var entry = reads.withBytes(
        at: place.offset, count: place.length,
        { bytes -> Entry? in
          guard Checksum.of(bytes) == place.checksum else { return nil }
          return decoded(Array(bytes), relative)
        }) ?? nil
    else {
      // Damaged, or cut short: as the entry would be read on its own.
      return self.entry(n, relative)
    }
    if case .stored(let body) = entry.storedBody, let text = reads.text(of: body) {
      entry.storedBody = .text(text)
    }
    return entry
  }

  /// Reads of this cache's blocks file for a walk of its entries in order.
  func windowedReads(size: Int) -> WindowedReads { WindowedReads(store, size: size) }

  /// The id in record number `n`'s entry (its first field), or nil when the record cannot be
  /// read or does not match its checksum.
  func storedID(_ n: Int) -> String? {
    guard let bytes = recordBytes(n) else { return nil }
    var r = BinaryReader(bytes)
    return try? r.string()
  }

  /// The bytes of record number `n`'s entry, or nil when they cannot be read or do not match
  /// their checksum.
  private func recordBytes(_ n: Int) -> [UInt8]? {
    let place = entries[n]
    guard let bytes = store.file.bytes(at: place.offset, count: place.length),
      Checksum.of(bytes) == place.checksum
    else { return nil }
    return bytes
  }

  private func storedEntry(_ n: Int, _ relative: String) -> Entry? {
    recordBytes(n).flatMap { decoded($0, relative) }
  }

  /// The entry in a record's bytes (the file at `relative`'s), or nil when they do not decode
  /// to one, whole.
  private func decoded(_ bytes: [UInt8], _ relative: String) -> Entry? {
    var r = BinaryReader(bytes)
    let display = KnowledgeBase.join(displayRoot, relative)
    guard let entry = try? RecordCoder(displayPath: display, store: store).readEntry(from: &r),
      r.isAtEnd
    else { return nil }
    return entry
  }

  /// Writes the cache; returns its payload checksum, or nil when it could not be written.
  @discardableResult
  static func write(
    _ path: String, absoluteRoot: String, displayRoot: String, curated: Bool,
    records: [(String, RecordBox)]
  ) -> UInt64? {
    var encoder = Encoder(
      path: path, absoluteRoot: absoluteRoot, displayRoot: displayRoot, curated: curated)
    encoder.add(records)
    return encoder.write()
  }

  /// A whole cache made a batch of records at a time: each batch is encoded and its bodies and
  /// records written to a new blocks file as it comes, so that neither the entries it was made
  /// from nor their encoding is held past the batch; the payload (each file's name, head and
  /// place) is written at the end.
  struct Encoder {
    let path: String
    let absoluteRoot: String
    let displayRoot: String
    let curated: Bool
    private let blocks: BlocksFile.Writer
    private var names: [String] = []
    private var heads: [[UInt8]] = []
    private var places: [EntryPlace] = []
    private var recordBytes = 0

    init(path: String, absoluteRoot: String, displayRoot: String, curated: Bool) {
      self.path = path
      self.absoluteRoot = absoluteRoot
      self.displayRoot = displayRoot
      self.curated = curated
      let generation = BlocksFile.newGeneration()
      blocks = BlocksFile.Writer(
        BlocksFile.path(of: path, generation: generation), generation: generation)
    }

    /// How many records have been added.
    var count: Int { names.count }

    /// Whether the blocks file could not be made or written: the cache will not be.
    var failed: Bool { blocks.failure != nil }

    /// Encodes the next records, on every core, a run of records at a time, and writes their
    /// bodies then their records at the end of the blocks file: where each body begins is known
    /// beforehand from the bodies' sizes, and where each record begins once every run is
    /// encoded. (A batch of 64 records or more is spread over the cores; a small one is encoded
    /// in one thread.)
    mutating func add(_ records: [(String, RecordBox)]) {
      var starts = [Int](repeating: blocks.end, count: records.count + 1)
      for (i, (_, box)) in records.enumerated() {
        starts[i + 1] = starts[i] + (box.record.result.entry?.body.utf8.count ?? 0)
      }
      let bodyStarts = starts
      let displayRoot = displayRoot
      let count = max(1, min(records.count, 64))
      let bounds = (0...count).map { $0 * records.count / count }
      let runs = Loader.parseAll(count) { r in
        var run = EncodedRun()
        run.bodies.reserveCapacity(bodyStarts[bounds[r + 1]] - bodyStarts[bounds[r]])
        for i in bounds[r]..<bounds[r + 1] {
          let (relative, box) = records[i]
          run.add(
            box, displayPath: KnowledgeBase.join(displayRoot, relative),
            bodyBase: bodyStarts[bounds[r]])
        }
        return run
      }.map { $0! }
      var offset = bodyStarts[records.count]
      for run in runs {
        heads += run.heads
        for (length, checksum) in run.entries {
          places.append(
            EntryPlace(offset: length == 0 ? 0 : offset, length: length, checksum: checksum))
          offset += length
        }
      }
      names += records.map(\.0)
      recordBytes += offset - bodyStarts[records.count]
      blocks.add(runs.map(\.bodies) + runs.map(\.records))
    }

    /// Writes the payload of every record added, in order, naming the blocks file; its
    /// checksum, or nil when the cache could not be written.
    func write() -> UInt64? {
      do {
        try blocks.keep()
      } catch {
        CacheFile.recordFailure(path, error.rawValue)
        return nil
      }
      var w = BinaryWriter(capacity: 1 << 20)
      w.byte(kind)
      w.string(absoluteRoot)
      w.bool(curated)
      Blocks(
        generation: blocks.generation, length: blocks.end, recordBytes: recordBytes,
        wholeSize: blocks.end
      ).write(to: &w)
      w.uint(UInt64(names.count))
      for (n, place) in places.enumerated() {
        w.string(names[n])
        w.uint(UInt64(heads[n].count))
        w.raw(heads[n])
        w.uint(UInt64(place.offset))
        w.uint(UInt64(place.length))
        w.fixed64(place.checksum)
      }
      guard CacheFile.write(path, payload: w.bytes) else {
        unlink(blocks.path)
        return nil
      }
      written(path, generation: blocks.generation)
      return Checksum.of(w.bytes)
    }
  }

  /// After the payload file at `path` was written with the blocks of `generation`: the blocks
  /// files of older payloads, and the caches of knowledge bases that are gone, are removed.
  static func written(_ path: String, generation: UInt64) {
    BlocksFile.removeOthers(of: path, keeping: generation)
    StaleCaches.remove(in: (path as NSString).deletingLastPathComponent, keeping: path)
  }

  /// Writes one file's record: its head and where its entry lies to the payload `w`, the entry
  /// to `records` and its body to `bodies`, which will lie at the offsets `after` of the blocks
  /// file.
  static func add(
    _ box: RecordBox, displayPath: String, to w: inout BinaryWriter,
    records: inout [UInt8], bodies: inout [UInt8], after: (records: Int, bodies: Int) = (0, 0)
  ) {
    let coder = RecordCoder(displayPath: displayPath)
    var head = BinaryWriter(capacity: 128)
    coder.writeHead(box.record, to: &head)
    w.uint(UInt64(head.bytes.count))
    w.raw(head.bytes)
    guard let entry = box.record.result.entry else {
      w.uint(0)
      w.uint(0)
      w.fixed64(0)
      return
    }
    var one = BinaryWriter(capacity: 512)
    coder.write(entry, to: &one, bodies: &bodies, bodyBase: after.bodies)
    w.uint(UInt64(after.records + records.count))
    w.uint(UInt64(one.bytes.count))
    w.fixed64(Checksum.of(one.bytes))
    records.append(contentsOf: one.bytes)
  }

  /// A run of records encoded on their own: each one's head, its entry's length and checksum
  /// (0 and 0 when it has none), the entries one after another, and the bodies.
  struct EncodedRun: Sendable {
    var heads: [[UInt8]] = []
    var entries: [(length: Int, checksum: UInt64)] = []
    var records: [UInt8] = []
    var bodies: [UInt8] = []

    /// Adds a record whose body (if any) goes after the run's bodies so far, which begin
    /// `bodyBase` bytes into the block of bodies.
    mutating func add(_ box: RecordBox, displayPath: String, bodyBase: Int) {
      let coder = RecordCoder(displayPath: displayPath)
      var head = BinaryWriter(capacity: 128)
      coder.writeHead(box.record, to: &head)
      heads.append(head.bytes)
      guard let entry = box.record.result.entry else {
        entries.append((0, 0))
        return
      }
      var one = BinaryWriter(capacity: 512)
      coder.write(entry, to: &one, bodies: &bodies, bodyBase: bodyBase)
      entries.append((one.bytes.count, Checksum.of(one.bytes)))
      records.append(contentsOf: one.bytes)
    }
  }

  /// What a cache written from an older one keeps of one file: a record parsed this time, or
  /// the older cache's record number `n`, with its racy flag when that changed.
  enum Kept {
    case fresh(RecordBox)
    case old(Int, racy: Bool?)
  }

  /// What became of `update`.
  enum Updated {
    /// Written; the new file's payload checksum.
    case written(UInt64)
    /// Not written, and said (`CacheFile.failures`).
    case failed
    /// Not written: the blocks file holds too many dead records or bytes, or is no longer the
    /// one this cache was read from (replaced, removed or cut short since). Write the cache
    /// whole instead.
    case wholeInstead
  }

  /// Writes the cache at `path` from this one without decoding or copying what it keeps: the
  /// fresh records and their bodies are added at the end of its blocks file, where everything
  /// kept already lies (its head is copied from the payload too), and only the payload file is
  /// written anew. Records of files gone or parsed again stay in the blocks file, dead, until
  /// they outweigh the live ones or the file has grown by half since it was written whole;
  /// then the cache is written whole, to a new blocks file, which drops them.
  func update(
    _ path: String, absoluteRoot: String, curated: Bool, records: [(String, Kept)]
  ) -> Updated {
    var live = 0
    var freshBodies = 0
    for (_, kept) in records {
      switch kept {
      case .old(let n, _): live += entries[n].length
      case .fresh(let box): freshBodies += box.record.result.entry?.body.utf8.count ?? 0
      }
    }
    // Dead records, or dead bytes, past the live ones: write whole.
    guard blocks.recordBytes <= 2 * live + (1 << 16),
      blocks.length <= blocks.wholeSize + blocks.wholeSize / 2 + (1 << 20),
      let appender = BlocksFile.Appender(store.path, sameAs: store.file, length: blocks.length)
    else { return .wholeInstead }
    // The fresh bodies go at the end of the file (after anything another process added past
    // this cache's length), then the fresh records.
    let end = appender.end
    var w = BinaryWriter(capacity: records.count * 96 + 1024)
    w.byte(Self.kind)
    w.string(absoluteRoot)
    w.bool(curated)
    let blocksAt = w.bytes.count
    blocks.write(to: &w)
    w.uint(UInt64(records.count))
    var fresh: [UInt8] = []
    var bodies: [UInt8] = []
    for (relative, kept) in records {
      w.string(relative)
      switch kept {
      case .old(let n, let racy):
        if racy == nil, let bytes = payload.slice(heads[n]) {
          w.uint(UInt64(bytes.count))
          w.raw(bytes)
        } else {
          guard let racy, let head = head(n, relative) else { return .wholeInstead }
          var one = BinaryWriter(capacity: 128)
          RecordCoder(displayPath: KnowledgeBase.join(displayRoot, relative)).writeHead(
            ParseRecord(
              stamp: head.stamp, contentHash: head.contentHash, racy: racy,
              result: EntryParser.Result(
                entry: head.entryPlace == nil ? nil : Entry(id: "", title: ""),
                diagnostics: head.diagnostics)), to: &one)
          w.uint(UInt64(one.bytes.count))
          w.raw(one.bytes)
        }
        let place = entries[n]
        w.uint(UInt64(place.offset))
        w.uint(UInt64(place.length))
        w.fixed64(place.checksum)
      case .fresh(let box):
        Self.add(
          box, displayPath: KnowledgeBase.join(displayRoot, relative), to: &w, records: &fresh,
          bodies: &bodies, after: (end + freshBodies, end))
      }
    }
    guard bodies.count == freshBodies else { return .wholeInstead }
    var grown = blocks
    grown.length = end + bodies.count + fresh.count
    grown.recordBytes += fresh.count
    grown.patch(&w, at: blocksAt)
    do {
      try appender.add([bodies, fresh])
    } catch {
      CacheFile.recordFailure(path, error.rawValue)
      return .failed
    }
    guard CacheFile.write(path, payload: w.bytes) else { return .failed }
    // Only now may the next process add to the file.
    withExtendedLifetime(appender) {}
    Self.written(path, generation: blocks.generation)
    return .written(Checksum.of(w.bytes))
  }
}
