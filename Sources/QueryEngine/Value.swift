/// The value of a term: what follows `field:`, a bare word or phrase, or a saved-search argument.
public enum Value: Hashable, Sendable {
  /// A plain word (`supervision`, `la-dcfs/regional`).
  case word(String)
  /// A quoted phrase (`"critical incident"`).
  case phrase(String)
  /// A word ending in `*`; the string is the part before the star (empty for `tag:*`).
  case prefix(String)
  /// A value with `*` elsewhere than at its end (`*fatal*`, `*culture`): a glob over values.
  case glob(String)
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
    if word.dropLast().contains("*") { return .glob(word) }
    if word.hasSuffix("*") { return .prefix(String(word.dropLast())) }
    return .word(word)
  }

  /// The value's text for messages (`lancaster`, `incid*`, `2019..2021`).
  public var text: String {
    switch self {
    case .word(let w): return w
    case .phrase(let p): return p
    case .prefix(let p): return p + "*"
    case .glob(let g): return g
    case .range(let lo, let hi): return (lo ?? "") + ".." + (hi ?? "")
    case .parameter(let n): return "$\(n)"
    }
  }
}

/// `*` as a wildcard over values: any run of characters, `/` included; letter case ignored.
enum Glob {
  static func matches(_ value: String, _ pattern: String) -> Bool {
    let v = Array(value.lowercased().unicodeScalars)
    let p = Array(pattern.lowercased().unicodeScalars)
    var i = 0
    var j = 0
    var star = -1
    var mark = 0
    while i < v.count {
      if j < p.count, p[j] != "*", p[j] == v[i] {
        i += 1
        j += 1
      } else if j < p.count, p[j] == "*" {
        star = j
        mark = i
        j += 1
      } else if star >= 0 {
        j = star + 1
        mark += 1
        i = mark
      } else {
        return false
      }
    }
    while j < p.count, p[j] == "*" { j += 1 }
    return j == p.count
  }

  /// Where the first `*` that does not end the text is, as a character offset.
  static func innerStar(_ word: String) -> Int? {
    let chars = Array(word)
    for (i, c) in chars.enumerated() where c == "*" && i < chars.count - 1 { return i }
    return nil
  }
}
