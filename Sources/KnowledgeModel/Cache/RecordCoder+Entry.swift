import CacheFormat

extension RecordCoder {
  /// Writes an entry's record, its body appended to `bodies`, which begin `bodyBase` bytes into
  /// the block of bodies.
  func write(_ e: Entry, to w: inout BinaryWriter, bodies: inout [UInt8], bodyBase: Int = 0) {
    w.string(e.id)
    w.string(e.title)
    w.optionalString(e.kind)
    w.optionalString(e.summary)
    w.strings(e.tags)
    w.strings(e.offices)
    w.strings(e.outcomes)
    w.bool(e.date != nil)
    if let d = e.date {
      w.int(d.year)
      w.int(d.month ?? -1)
      w.int(d.day ?? -1)
    }
    w.optionalString(e.dateText)
    w.uint(UInt64(e.sources.count))
    for s in e.sources {
      w.string(s.title)
      w.optionalString(s.url)
      w.optionalString(s.date)
      w.optionalString(s.accessed)
    }
    w.strings(e.related)
    w.uint(UInt64(e.extraKeys.count))
    for key in e.extraKeys {
      w.string(key)
      switch e.extraValues[key]! {
      case .text(let s):
        w.bool(false)
        w.string(s)
      case .list(let l):
        w.bool(true)
        w.strings(l)
      }
    }
    var body = e.body
    body.withUTF8 { text in
      w.uint(UInt64(bodyBase + bodies.count))
      w.uint(UInt64(text.count))
      w.fixed64(Checksum.of(UnsafeRawBufferPointer(text)))
      bodies.append(contentsOf: text)
    }
    w.string(e.path)
    // Where each key and value was written matters only to `check`, which always reads the
    // files themselves: cached entries leave those maps out (a fifth of the decoding time).
    location(e.bodyLocation, to: &w)
  }

  func readEntry(from r: inout BinaryReader) throws(BinaryReader.Damaged) -> Entry {
    let id = try r.string()
    let title = try r.string()
    let kind = try r.optionalString()
    let summary = try r.optionalString()
    let tags = try r.strings()
    let offices = try r.strings()
    let outcomes = try r.strings()
    var date: PartialDate?
    if try r.bool() {
      let year = try r.int()
      let month = try r.int()
      let day = try r.int()
      date = PartialDate(year: year, month: month < 0 ? nil : month, day: day < 0 ? nil : day)
    }
    let dateText = try r.optionalString()
    var sources: [SourceReference] = []
    for _ in 0..<(try r.count()) {
      sources.append(
        SourceReference(
          title: try r.string(), url: try r.optionalString(), date: try r.optionalString(),
          accessed: try r.optionalString()))
    }
    let related = try r.strings()
    var extra: [(key: String, value: FieldValue)] = []
    for _ in 0..<(try r.count()) {
      let key = try r.string()
      extra.append((key, try r.bool() ? .list(try r.strings()) : .text(try r.string())))
    }
    let (offset, length, checksum) = (Int(try r.uint()), Int(try r.uint()), try r.fixed64())
    let path = try r.string()
    guard let store, offset <= store.length, length <= store.length - offset else {
      throw BinaryReader.Damaged()
    }
    let body = StoredBody(
      store: store, offset: offset, length: length, checksum: checksum, path: path)
    var entry = Entry(
      id: id, title: title, kind: kind, summary: summary, tags: tags, offices: offices,
      outcomes: outcomes, date: date, dateText: nil, sources: sources, related: related,
      extra: extra, path: path, bodyLocation: try location(from: &r))
    entry.dateText = dateText
    entry.storedBody = .stored(body)
    return entry
  }
}
