/// Where a piece of a query was written: a range of `Character` offsets in the query text.
///
/// Spans never take part in equality or hashing, so two ASTs parsed from differently spaced
/// texts compare equal when they mean the same thing (the round-trip property relies on it).
public struct SourceSpan: Hashable, Sendable, CustomStringConvertible {
  public var range: Range<Int>

  public init(_ range: Range<Int>) { self.range = range }

  public static func == (_: SourceSpan, _: SourceSpan) -> Bool { true }
  public func hash(into hasher: inout Hasher) {}

  /// The smallest span covering both.
  public func union(_ other: SourceSpan) -> SourceSpan {
    SourceSpan(
      min(range.lowerBound, other.range.lowerBound)..<max(range.upperBound, other.range.upperBound))
  }

  public var description: String { "\(range.lowerBound)..<\(range.upperBound)" }
}
