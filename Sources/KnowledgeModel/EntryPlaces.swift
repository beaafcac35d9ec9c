/// Where an entry's front-matter keys and list values were written, for `check`'s messages: a
/// line and a column each, in one small array. A dictionary of locations per entry (with a
/// string key such as `tags=supervision` and the file's path in every location) cost about
/// 2.5 KB an entry; this costs about 40 bytes a place, and the values' strings are shared with
/// the entry's own.
public struct EntryPlaces: Hashable, Sendable {
  private struct Place: Hashable, Sendable {
    var key: String
    /// Nil for the key itself.
    var value: String?
    var line: Int32
    var column: Int32

    func location(_ path: String) -> SourceLocation {
      SourceLocation(path: path, line: Int(line), column: Int(column))
    }
  }

  private var places: [Place] = []

  public init() {}

  public var isEmpty: Bool { places.isEmpty }

  /// Notes where `key` (lower-cased), or one of its values, was written.
  mutating func note(_ key: String, value: String? = nil, at location: SourceLocation) {
    places.append(
      Place(
        key: key, value: value, line: Int32(clamping: location.line),
        column: Int32(clamping: location.column)))
  }

  /// Where `key` was written (the last time, if twice), in the file at `path`.
  public func key(_ key: String, path: String) -> SourceLocation? {
    find { $0.key == key && $0.value == nil }.map { $0.location(path) }
  }

  /// Where `key`'s value `value` was written (the last time, if twice), in the file at `path`.
  public func value(_ key: String, _ value: String, path: String) -> SourceLocation? {
    find { $0.key == key && $0.value == value }.map { $0.location(path) }
  }

  private func find(_ matches: (Place) -> Bool) -> Place? {
    places.last(where: matches)
  }
}
