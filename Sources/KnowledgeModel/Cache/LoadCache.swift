/// The entries cache: every file's parse result, keyed by its path relative to the root, for the
/// knowledge base at one absolute path, parsed with or without a vocabulary.
struct LoadCache {
  var records: [String: ParseRecord] = [:]

  static let kind: UInt8 = 1

  /// The records of the cache file at `path`, or nil when it is missing, damaged, or belongs to
  /// another knowledge base or another vocabulary setting.
  static func read(_ path: String, absoluteRoot: String, displayRoot: String, curated: Bool)
    -> LoadCache?
  {
    guard var r = CacheFile.read(path) else { return nil }
    do {
      guard try r.byte() == kind, try r.string() == absoluteRoot, try r.bool() == curated else {
        return nil
      }
      var cache = LoadCache()
      let n = try r.count()
      cache.records.reserveCapacity(n)
      for _ in 0..<n {
        let relative = try r.string()
        let coder = RecordCoder(displayPath: KnowledgeBase.join(displayRoot, relative))
        cache.records[relative] = try coder.read(from: &r)
      }
      guard r.isAtEnd else { return nil }
      return cache
    } catch {
      return nil
    }
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
    for (relative, record) in records {
      w.string(relative)
      RecordCoder(displayPath: KnowledgeBase.join(displayRoot, relative)).write(record, to: &w)
    }
    CacheFile.write(path, payload: w.bytes)
  }
}
