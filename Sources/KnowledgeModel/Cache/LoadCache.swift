import Foundation

/// The entries cache: every file's parse result, keyed by its path relative to the root, for the
/// knowledge base at one absolute path, parsed with or without a vocabulary.
///
/// Reading it only finds where each record lies; records are decoded when asked for, on as many
/// threads as ask, and bodies stay in the file (the entries point into its block of bodies, which
/// stays open) until they are needed.
struct LoadCache: Sendable {
  /// The files recorded, in the order written (the order of the last load's folder walk), and
  /// where each one's record lies in the payload.
  private var names: [String] = []
  private var places: [Range<Int>] = []
  /// Record numbers by file, made only when the files are not in the recorded order.
  private let numbers: Memo<[String: Int]>
  private let payload: BinaryReader
  private let store: BodyStore
  private let displayRoot: String

  static let kind: UInt8 = 1

  var count: Int { places.count }

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
      let bodies = try file.skipBytes()
      guard file.isAtEnd else { return nil }
      let store = BodyStore(
        file: file.file, path: path, base: bodies.offset, length: bodies.count,
        displayRoot: displayRoot,
        parser: parser)
      let n = try r.count()
      var names: [String] = []
      var places: [Range<Int>] = []
      names.reserveCapacity(n)
      places.reserveCapacity(n)
      for _ in 0..<n {
        names.append(try r.string())
        let length = try r.count()
        places.append(r.position..<r.position + length)
        try r.skip(length)
      }
      guard r.isAtEnd else { return nil }
      return LoadCache(
        names: names, places: places, payload: r.reader(at: 0), store: store,
        displayRoot: displayRoot)
    } catch {
      return nil
    }
  }

  private init(
    names: [String], places: [Range<Int>], payload: BinaryReader, store: BodyStore,
    displayRoot: String
  ) {
    self.names = names
    self.places = places
    self.payload = payload
    self.store = store
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
    var r = payload.reader(at: places[n].lowerBound)
    let coder = RecordCoder(displayPath: KnowledgeBase.join(displayRoot, relative), store: store)
    guard let record = try? coder.read(from: &r), r.position == places[n].upperBound else {
      return nil
    }
    return record
  }

  /// The head of record number `n`: stamp, content hash, diagnostics, and where its entry
  /// begins (nil when the file had none). The entry itself is decoded only when asked for.
  func head(_ n: Int, _ relative: String) -> RecordHead? {
    var r = payload.reader(at: places[n].lowerBound)
    return try? RecordCoder.readHead(from: &r) {
      RecordCoder(displayPath: KnowledgeBase.join(displayRoot, relative), store: store)
    }
  }

  /// The entry whose record begins at `place` (from `head`), for the file at `relative`; when it
  /// does not decode, the file is parsed again.
  func entry(at place: Int, _ relative: String) -> Entry? {
    var r = payload.reader(at: place)
    let display = KnowledgeBase.join(displayRoot, relative)
    if let entry = try? RecordCoder(displayPath: display, store: store).readEntry(from: &r) {
      return entry
    }
    guard case .success(let bytes) = FileReader.read(display) else { return nil }
    return store.parser.parse(bytes: bytes, path: relative, displayPath: display).entry
  }

  static func write(
    _ path: String, absoluteRoot: String, displayRoot: String, curated: Bool,
    records: [(String, ParseRecord)]
  ) {
    var w = BinaryWriter(capacity: 1 << 20)
    w.byte(kind)
    w.string(absoluteRoot)
    w.bool(curated)
    w.uint(UInt64(records.count))
    var bodies: [UInt8] = []
    for (relative, record) in records {
      w.string(relative)
      var one = BinaryWriter(capacity: 512)
      RecordCoder(displayPath: KnowledgeBase.join(displayRoot, relative))
        .write(record, to: &one, bodies: &bodies)
      w.uint(UInt64(one.bytes.count))
      w.raw(one.bytes)
    }
    if CacheFile.write(path, payload: w.bytes, blocks: [.bytes(bodies)]) {
      StaleCaches.remove(in: (path as NSString).deletingLastPathComponent, keeping: path)
    }
  }
}
