/// Canonical text: every AND, OR and NOT is written out and every group parenthesised, so the
/// printed text parses back to the same tree.
extension Expr: CustomStringConvertible {
  public var description: String {
    switch self {
    case .all: return "*"
    case .term(let t): return t.description
    case .not(let x, _): return "NOT " + x.description
    case .and(let xs) where xs.count == 1: return "(" + xs[0].description + ")"
    case .and(let xs): return "(" + xs.map(\.description).joined(separator: " AND ") + ")"
    case .or(let xs): return "(" + xs.map(\.description).joined(separator: " OR ") + ")"
    }
  }
}

extension Term: CustomStringConvertible {
  public var description: String {
    switch self {
    case .text(let v, _): return v.printed(bare: true)
    case .field(let name, _, let v, _): return name + ":" + v.printed(bare: false)
    case .saved(let name, let args, _):
      if args.isEmpty { return "@" + name }
      return "@" + name + "(" + args.map(\.printed).joined(separator: ", ") + ")"
    }
  }
}

extension Argument {
  var printed: String { quoted ? Value.quote(text) : text }
}

extension Value {
  /// The value as query text. A word that would read as something else is quoted.
  func printed(bare: Bool) -> String {
    switch self {
    case .word(let w):
      let upper = w.uppercased()
      let special =
        w.isEmpty || w.contains(where: { !Lexer.isWordCharacter($0) }) || w.hasSuffix("*")
        || (!bare && w.contains("..") || (w.count == 2 && w.hasPrefix("$")))
        || (bare
          && (upper == "AND" || upper == "OR" || upper == "NOT" || w.contains(":")
            || w.hasPrefix("-") || w.hasPrefix("@")))
      return special ? Value.quote(w) : w
    case .phrase(let p): return Value.quote(p)
    case .prefix(let p): return p + "*"
    case .glob(let g): return g
    case .range(let lo, let hi): return (lo ?? "") + ".." + (hi ?? "")
    case .parameter(let n): return "$\(n)"
    }
  }

  static func quote(_ s: String) -> String {
    var out = "\""
    for c in s {
      if c == "\"" || c == "\\" { out.append("\\") }
      out.append(c)
    }
    return out + "\""
  }
}

extension Stage: CustomStringConvertible {
  public var description: String {
    switch self {
    case .sort(let f, let d, _): return "sort " + f + (d.map { $0 ? " desc" : " asc" } ?? "")
    case .limit(let n, _): return "limit \(n)"
    case .count: return "count"
    case .countBy(let keys):
      return "count by "
        + keys.map { $0.field + ($0.depth.map { " depth \($0)" } ?? "") }.joined(separator: ", ")
    case .fields(let names, _): return "fields " + names.joined(separator: ",")
    }
  }
}

extension ParsedQuery: CustomStringConvertible {
  /// The whole query in canonical form: `(tag:a AND office:b) | sort date desc`.
  public var description: String {
    var parts: [String] = bestMatch ? ["?"] : []
    if bestMatch, case .and(let xs)? = expression, xs.count > 1 {
      // The top level of a best-match query is its list of words and filters, as written.
      parts += xs.map(\.description)
    } else {
      parts += expression.map { [$0.description] } ?? []
    }
    parts += stages.map { "| " + $0.description }
    return parts.joined(separator: " ")
  }
}
