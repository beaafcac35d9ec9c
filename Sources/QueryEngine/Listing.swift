import KnowledgeModel
import TerminalText

/// The short fields of every entry (id, kind, date, title) as one run of UTF-8 text, laid out in
/// title order, so that the rows of a result in title order are read front to back. Result tables
/// point into it instead of copying strings; a data format writes the bytes out as they are.
public struct Listing: Sendable, Equatable {
  /// The fields a listing holds, in the order they are stored for each entry.
  public enum Field: Int, Sendable, CaseIterable {
    case id, kind, date, title
  }

  /// A field's text in `bytes`, or why there is none.
  public enum Span: Sendable, Equatable {
    /// `plain`: the text is printable ASCII without a backslash, quote or comma, so every data
    /// format writes it as it is (known here, so renderers need not look at the bytes).
    case text(start: Int, count: Int, plain: Bool)
    /// The entry has no such field (no kind, no date).
    case absent
    /// The field is too long for the listing: read it from the entry.
    case unlisted
  }

  /// The UTF-8 text; every span starts and ends on a character boundary.
  public let bytes: [UInt8]
  /// For each entry number, three words: where its fields start, the lengths of id and kind, the
  /// lengths of date and title (16 bits each: the top bit says the text is plain, the other 15
  /// its length; `absent` and `unlisted` as below).
  @usableFromInline let spans: [UInt32]

  @usableFromInline static let absentLength: UInt32 = 0x7FFF
  @usableFromInline static let plainFlag: UInt32 = 0x8000
  @usableFromInline static let unlistedStart: UInt32 = .max
  static let longest = 0x7FFE

  init(bytes: [UInt8], spans: [UInt32]) {
    self.bytes = bytes
    self.spans = spans
  }

  /// A listing of `count` entries that holds none of their fields: every field is read from the
  /// entry (what a listing that cannot be read falls back to).
  static func unlisted(count: Int) -> Listing {
    Listing(bytes: [], spans: [UInt32](repeating: unlistedStart, count: 3 * count))
  }

  /// The fields of one entry a listing holds.
  struct Row: Sendable {
    var fields: [String?]

    init(_ entry: Entry) { fields = [entry.id, entry.kind, entry.dateText, entry.title] }
  }

  init(_ entries: [Entry], order: [Int32]) { self.init(rows: entries.map(Row.init), order: order) }

  /// Builds the listing of the entries with these rows, visiting them in `order` (entry numbers).
  init(rows: [Row], order: [Int32]) {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(rows.count * 96)
    var spans = [UInt32](repeating: 0, count: rows.count * 3)
    for n in order.lazy.map(Int.init) {
      let fields = rows[n].fields
      guard fields.allSatisfy({ ($0?.utf8.count ?? 0) <= Self.longest }),
        bytes.count <= Int(UInt32.max) - 4 * Self.longest
      else {
        spans[3 * n] = Self.unlistedStart
        continue
      }
      spans[3 * n] = UInt32(bytes.count)
      var lengths: [UInt32] = []
      for field in fields {
        guard let field else {
          lengths.append(Self.absentLength)
          continue
        }
        let plain = field.utf8.allSatisfy(Escaping.isPlainDataByte)
        lengths.append(UInt32(field.utf8.count) | (plain ? Self.plainFlag : 0))
        bytes.append(contentsOf: field.utf8)
      }
      spans[3 * n + 1] = lengths[0] << 16 | lengths[1]
      spans[3 * n + 2] = lengths[2] << 16 | lengths[3]
    }
    self.init(bytes: bytes, spans: spans)
  }

  /// The listing of the entries of `origin` laid out in `order`, entry `n`'s row copied as it
  /// is from row `origin[n]` of `old` or, when that is negative, row `-1 - origin[n]` of `new`:
  /// what `init(rows:order:)` makes of the same rows.
  init(merging order: [Int32], origin: [Int32], old: Listing, new: Listing) {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(old.bytes.count + new.bytes.count)
    var spans = [UInt32](repeating: Self.unlistedStart, count: origin.count * 3)
    for n in order.lazy.map(Int.init) {
      let o = Int(origin[n])
      let listing = o >= 0 ? old : new
      let row = o >= 0 ? o : -1 - o
      let start = listing.spans[3 * row]
      guard start != Self.unlistedStart, bytes.count <= Int(UInt32.max) - 4 * Self.longest else {
        continue
      }
      let (first, second) = (listing.spans[3 * row + 1], listing.spans[3 * row + 2])
      let length =
        Self.room(first >> 16) + Self.room(first & 0xFFFF) + Self.room(second >> 16)
        + Self.room(second & 0xFFFF)
      guard Int(start) + length <= listing.bytes.count else { continue }
      spans[3 * n] = UInt32(bytes.count)
      spans[3 * n + 1] = first
      spans[3 * n + 2] = second
      bytes += listing.bytes[Int(start)..<Int(start) + length]
    }
    self.init(bytes: bytes, spans: spans)
  }

  /// How many bytes of text a field's length word stands for (none when the field is absent).
  @usableFromInline @inline(__always)
  static func room(_ word: UInt32) -> Int {
    let length = word & ~plainFlag
    return length == absentLength ? 0 : Int(length)
  }

  /// Where one field of an entry is.
  @inlinable
  public func span(_ entry: Int, _ field: Field) -> Span {
    let start = spans[3 * entry]
    if start == Self.unlistedStart { return .unlisted }
    let first = spans[3 * entry + 1]
    let second = spans[3 * entry + 2]
    let (id, kind, date, title) = (first >> 16, first & 0xFFFF, second >> 16, second & 0xFFFF)
    let offset: Int
    let word: UInt32
    switch field {
    case .id: (offset, word) = (Int(start), id)
    case .kind: (offset, word) = (Int(start) + Self.room(id), kind)
    case .date: (offset, word) = (Int(start) + Self.room(id) + Self.room(kind), date)
    case .title:
      (offset, word) = (Int(start) + Self.room(id) + Self.room(kind) + Self.room(date), title)
    }
    let length = word & ~Self.plainFlag
    return length == Self.absentLength
      ? .absent
      : .text(start: offset, count: Int(length), plain: word & Self.plainFlag != 0)
  }

  /// Whether every span of a listing read from an index file (whose every chunk was checked
  /// against its checksum) lies inside its text, for `count` entries: what keeps a result table
  /// from reading out of bounds, checked in one pass without decoding the text.
  func isInBounds(count: Int) -> Bool {
    guard spans.count == 3 * count else { return false }
    let end = UInt64(bytes.count)
    return spans.withUnsafeBufferPointer { spans in
      for entry in 0..<count where spans[3 * entry] != Self.unlistedStart {
        var used = UInt64(spans[3 * entry])
        for word in [spans[3 * entry + 1], spans[3 * entry + 2]] {
          for half in [word >> 16, word & 0xFFFF] {
            let length = half & ~Self.plainFlag
            if length != Self.absentLength { used += UInt64(length) }
          }
        }
        if used > end { return false }
      }
      return true
    }
  }

  /// Whether a listing read from a cache fits `count` entries: every span inside the text and on
  /// character boundaries, every `plain` flag true to its text, and the text valid UTF-8.
  func isValid(count: Int) -> Bool {
    guard spans.count == 3 * count else { return false }
    let text = bytes
    func boundary(_ i: Int) -> Bool {
      i == text.count || (i < text.count && text[i] & 0xC0 != 0x80)
    }
    for entry in 0..<count where spans[3 * entry] != Self.unlistedStart {
      for field in Field.allCases {
        guard case .text(let start, let length, let plain) = span(entry, field) else { continue }
        guard boundary(start), boundary(start + length),
          text[start..<start + length].allSatisfy(Escaping.isPlainDataByte) == plain
        else { return false }
      }
    }
    return String(validating: text, as: UTF8.self) != nil
  }
}
