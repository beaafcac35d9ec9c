import CacheFormat

/// What the cache keeps for one Markdown file: its stamp, a hash of its content, and the result
/// of parsing it (entry and diagnostics, before vocabulary aliases are resolved).
struct ParseRecord: Sendable {
  var stamp: FileStamp
  var contentHash: UInt64
  /// Whether the file was changed so close to the time it was read that its stamp alone cannot
  /// be trusted; its content hash is checked on the next load.
  var racy: Bool
  var result: EntryParser.Result
}

/// A record parsed this time, in a box: it is handed from the parse to the cache's encoder and
/// to the file's outcome by reference, and its fields are read where they lie. (A
/// `ParseRecord` copied retains each string and array of its entry, and letting the copy go
/// releases them again: at 100,000 files, copies made on the way to the encoder were about 6%
/// of the parse.)
final class RecordBox: Sendable {
  let record: ParseRecord

  init(_ record: ParseRecord) { self.record = record }
}

/// The head of a cached record: enough to tell whether the file changed, and its diagnostics;
/// `entryPlace` says where its entry is (nil when the file had none).
struct RecordHead: Sendable {
  var stamp: FileStamp
  var contentHash: UInt64
  var racy: Bool
  var diagnostics: [Diagnostic]
  var entryPlace: Int?
}

/// Writes and reads entries and diagnostics. Locations in the file itself are stored without
/// their path, so that a cached entry shows the root as the user names it this time.
struct RecordCoder {
  var displayPath: String
  /// Where the bodies of entries being read are kept.
  var store: BodyStore?

  /// Writes the head of a record: stamp, content hash, diagnostics, and whether it has an
  /// entry (written on its own, `write(_:to:bodies:)`).
  func writeHead(_ record: ParseRecord, to w: inout BinaryWriter) {
    record.stamp.write(to: &w)
    w.fixed64(record.contentHash)
    w.bool(record.racy)
    w.uint(UInt64(record.result.diagnostics.count))
    for d in record.result.diagnostics {
      w.bool(d.severity == .error)
      location(d.location, to: &w)
      w.string(d.message)
    }
    w.bool(record.result.entry != nil)
  }

  /// Reads a record up to its entry, leaving `r` where the entry begins. The coder, which needs
  /// the file's display path, is made only when there are diagnostics to read.
  static func readHead(from r: inout BinaryReader, coder: () -> RecordCoder)
    throws(BinaryReader.Damaged) -> RecordHead
  {
    let stamp = try FileStamp(from: &r)
    let hash = try r.fixed64()
    let racy = try r.bool()
    var diagnostics: [Diagnostic] = []
    let count = try r.count()
    let location = count > 0 ? coder() : RecordCoder(displayPath: "")
    for _ in 0..<count {
      let severity: Diagnostic.Severity = try r.bool() ? .error : .warning
      diagnostics.append(Diagnostic(severity, try location.location(from: &r), try r.string()))
    }
    let hasEntry = try r.bool()
    return RecordHead(
      stamp: stamp, contentHash: hash, racy: racy, diagnostics: diagnostics,
      entryPlace: hasEntry ? r.position : nil)
  }

  func location(_ l: SourceLocation, to w: inout BinaryWriter) {
    let own = l.path == displayPath
    w.bool(own)
    if !own { w.string(l.path) }
    w.uint(UInt64(max(0, l.line)))
    w.uint(UInt64(max(0, l.column)))
  }

  func location(from r: inout BinaryReader) throws(BinaryReader.Damaged) -> SourceLocation {
    let path = try r.bool() ? displayPath : try r.string()
    return SourceLocation(path: path, line: Int(try r.uint()), column: Int(try r.uint()))
  }

}
