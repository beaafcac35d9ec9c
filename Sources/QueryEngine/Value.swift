/// The value of a term: what follows `field:`, a bare word or phrase, or a saved-search argument.
public enum Value: Hashable, Sendable {
  /// A plain word (`supervision`, `la-dcfs/regional`).
  case word(String)
  /// A quoted phrase (`"critical incident"`).
  case phrase(String)
  /// A word ending in `*`; the string is the part before the star (empty for `tag:*`).
  case prefix(String)
  /// `lo..hi`, `lo..` or `..hi`; at least one bound.
  case range(String?, String?)
  /// `$1` … `$9` inside a saved search.
  case parameter(Int)

  /// Reads an unquoted word as a value: `x*` is a prefix, `a..b` a range, `$n` a parameter.
  /// Returns nil for a range with no bound (`..`).
  static func reading(_ word: String, parameters: Bool = true) -> Value? {
    if parameters, word.count == 2, word.first == "$", let d = word.last?.wholeNumberValue, d >= 1 {
      return .parameter(d)
    }
    if let r = word.range(of: "..") {
      let lo = String(word[..<r.lowerBound])
      let hi = String(word[r.upperBound...])
      if lo.isEmpty && hi.isEmpty { return nil }
      return .range(lo.isEmpty ? nil : lo, hi.isEmpty ? nil : hi)
    }
    if word.hasSuffix("*") { return .prefix(String(word.dropLast())) }
    return .word(word)
  }

  /// The value's text for messages (`lancaster`, `incid*`, `2019..2021`).
  public var text: String {
    switch self {
    case .word(let w): return w
    case .phrase(let p): return p
    case .prefix(let p): return p + "*"
    case .range(let lo, let hi): return (lo ?? "") + ".." + (hi ?? "")
    case .parameter(let n): return "$\(n)"
    }
  }
}
