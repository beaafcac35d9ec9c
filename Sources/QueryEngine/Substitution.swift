/// Puts a saved search's arguments in place of `$1` … `$9`. Each argument becomes one value:
/// quoted or containing spaces it is a phrase; otherwise it is read as a word, prefix or range,
/// never as operators or terms.
struct Substitution {
  let name: String
  let arguments: [Argument]
  let site: SourceSpan

  func apply(_ expr: Expr) throws(QueryError) -> Expr {
    let used = Substitution.highestParameter(expr)
    if arguments.count < used {
      throw QueryError(
        .tooFewArguments(search: name, needs: used, given: arguments.count), at: site.range)
    }
    if arguments.count > used {
      throw QueryError(
        .tooManyArguments(search: name, takes: used, given: arguments.count), at: site.range)
    }
    return replace(expr)
  }

  func replace(_ expr: Expr) -> Expr {
    switch expr {
    case .all: return .all(site)
    case .not(let x, _): return .not(replace(x), site)
    case .and(let xs): return .and(xs.map(replace))
    case .or(let xs): return .or(xs.map(replace))
    case .term(.text(let v, _)): return .term(.text(value(v, bare: true), site))
    case .term(.field(let n, _, let v, _)):
      return .term(.field(name: n, nameSpan: site, value: value(v, bare: false), valueSpan: site))
    case .term(.saved(let n, let args, _)):
      let replaced = args.map { a -> Argument in
        guard !a.quoted, let p = Value.reading(a.text), case .parameter(let k) = p,
          k <= arguments.count
        else { return Argument(text: a.text, quoted: a.quoted, span: site) }
        var arg = arguments[k - 1]
        arg.span = site
        return arg
      }
      return .term(.saved(name: n, arguments: replaced, site))
    }
  }

  func value(_ v: Value, bare: Bool) -> Value {
    guard case .parameter(let k) = v else { return v }
    let arg = arguments[k - 1]
    if arg.quoted || arg.text.contains(where: { $0.isWhitespace || !Lexer.isWordCharacter($0) }) {
      return .phrase(arg.text)
    }
    let read = Value.reading(arg.text, parameters: false) ?? .word(arg.text)
    if bare, case .range = read { return .word(arg.text) }
    return read
  }

  static func highestParameter(_ expr: Expr) -> Int {
    switch expr {
    case .all: return 0
    case .not(let x, _): return highestParameter(x)
    case .and(let xs), .or(let xs): return xs.map(highestParameter).max() ?? 0
    case .term(.text(.parameter(let k), _)), .term(.field(_, _, .parameter(let k), _)): return k
    case .term(.saved(_, let args, _)):
      return args.compactMap { a -> Int? in
        guard !a.quoted, case .parameter(let k)? = Value.reading(a.text) else { return nil }
        return k
      }.max() ?? 0
    case .term: return 0
    }
  }
}

extension Stage {
  func relocated(to site: SourceSpan) -> Stage {
    switch self {
    case .sort(let f, let d, _): return .sort(field: f, descending: d, site)
    case .limit(let n, _): return .limit(n, site)
    case .count: return .count(site)
    case .countBy(let keys):
      return .countBy(keys.map { CountKey(field: $0.field, depth: $0.depth, site) })
    case .fields(let names, let spans): return .fields(names, spans.map { _ in site })
    }
  }
}
