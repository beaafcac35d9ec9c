import CacheFormat

/// A place in a watch daemon's journal: the journal's token (a random number each new journal
/// gets) and the byte offset just past the last line a client has read. A caller stores the
/// mark it was given with what it read afterwards, and asks `ChangeJournal.changes(since:)`
/// next time what changed since.
public struct JournalMark: Hashable, Sendable {
  public var token: UInt64
  public var offset: Int

  public init(token: UInt64, offset: Int) {
    self.token = token
    self.offset = offset
  }

  /// A mark no journal matches (journals never have the token 0): the answer when the daemon
  /// could not be heard in time. Asking with it gives `.unknown` and a usable mark.
  public static let unmatched = JournalMark(token: 0, offset: 0)

  public func write(to w: inout BinaryWriter) {
    w.uint(token)
    w.uint(UInt64(offset))
  }

  public init(from r: inout BinaryReader) throws(BinaryReader.Damaged) {
    token = try r.uint()
    let offset = try r.uint()
    guard offset <= UInt64(Int.max) else { throw BinaryReader.Damaged() }
    self.offset = Int(offset)
  }
}
