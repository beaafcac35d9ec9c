import CacheFormat
import Foundation

/// The entries cache: every file's parse result, keyed by its path relative to the root, for the
/// knowledge base at one absolute path, parsed with or without a vocabulary.
///
/// Reading it only finds where each record lies; records are decoded when asked for, on as many
/// threads as ask, and bodies stay in the file (the entries point into its block of bodies, which
/// stays open) until they are needed.
struct LoadCache: Sendable {
  /// Where each file's record lies in the payload.
  private var places: [String: Range<Int>] = [:]
  private let payload: BinaryReader
  private let store: BodyStore
  private let displayRoot: String

  static let kind: UInt8 = 1

  var count: Int { places.count }

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
      var cache = LoadCache(payload: r.reader(at: 0), store: store, displayRoot: displayRoot)
      let n = try r.count()
      cache.places.reserveCapacity(n)
      for _ in 0..<n {
        let relative = try r.string()
        let length = try r.count()
        cache.places[relative] = r.position..<r.position + length
        try r.skip(length)
      }
      guard r.isAtEnd else { return nil }
      return cache
    } catch {
      return nil
    }
  }

  private init(payload: BinaryReader, store: BodyStore, displayRoot: String) {
    self.payload = payload
    self.store = store
    self.displayRoot = displayRoot
  }

  /// The record of the file at `relative`, or nil when there is none (or it does not decode).
  func record(_ relative: String) -> ParseRecord? {
    guard let place = places[relative] else { return nil }
    var r = payload.reader(at: place.lowerBound)
    let coder = RecordCoder(displayPath: KnowledgeBase.join(displayRoot, relative), store: store)
    guard let record = try? coder.read(from: &r), r.position == place.upperBound else {
      return nil
    }
    return record
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
