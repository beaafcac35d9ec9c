import KnowledgeModel

extension Searcher {
  /// Reads a best-match query: top-level words and phrases become optional clauses (function
  /// words left out unless nothing else is left; a word no entry has is respelt as the knowledge
  /// base spells it, when one is close); everything else (field terms, NOT, `@saved`, groups,
  /// prefixes) is expanded and resolved as a filter.
  func prepareBestMatch(
    _ parsed: ParsedQuery, savedSearches: any SavedSearchProvider, lastQuery: String?,
    resolver: inout Resolver
  ) throws(QueryError) -> Prepared {
    let items: [Expr]
    switch parsed.expression {
    case .and(let xs)? where xs.count > 1: items = xs
    case let x?: items = [x]
    case nil: items = []
    }
    var optional: [(Value, SourceSpan)] = []
    var filters: [Expr] = []
    for item in items {
      if case .term(.text(let value, let span)) = item {
        switch value {
        case .word, .phrase:
          optional.append((value, span))
          continue
        default: break
        }
      }
      filters.append(item)
    }
    let filterQuery = ParsedQuery(
      expression: filters.isEmpty ? nil : filters.count == 1 ? filters[0] : .and(filters),
      stages: parsed.stages)
    var expanded = try Expander(provider: savedSearches, lastQuery: lastQuery).expand(filterQuery)
    // A saved search of bare words is still a filter: it stays a group in the canonical text.
    if case .term(.text)? = expanded.expression, !filters.isEmpty {
      expanded.expression = .and([expanded.expression!])
    }
    let filterPlan = try expanded.expression.map { (e: Expr) throws(QueryError) in
      try resolver.plan(e)
    }

    optional = joinMembers(optional)
    var folding = TextFolding()
    // A word is a function word when every part of it is (`what's`); a word whose other parts
    // are (`child's`) is searched as its one content part.
    let isFunctionWord = { (value: Value) -> Bool in
      let words = folding.words(value.text)
      return !words.isEmpty && words.allSatisfy(StopWords.contains)
    }
    let content = optional.filter { !isFunctionWord($0.0) }.map { item -> (Value, SourceSpan) in
      guard case .word(let w) = item.0 else { return item }
      let parts = folding.words(w)
      let kept = parts.filter { !StopWords.contains($0) }
      return parts.count > 1 && kept.count == 1 ? (.word(kept[0]), item.1) : item
    }
    let kept = content.isEmpty ? optional : content
    var words: [BestMatchPlan.Word] = []
    var respelt: [(String, String)] = []
    for (value, span) in kept {
      var leaf = try resolver.leaf(.text(value, span))
      // Only a word of five letters or more is respelt on its own: a short one no entry has is
      // more often an acronym or a name than a typo (the suggestion still offers it).
      if case .word(let w) = value, w.count >= 5, index.matches(leaf.test).isEmpty,
        let better = spellingCorrection(for: w)
      {
        leaf = try resolver.leaf(.text(.word(better), span))
        leaf.label += " (respelt from '\(w)', which no entry has)"
        respelt.append((w, better))
      }
      words.append(BestMatchPlan.Word(written: value.printed(bare: true), leaf: leaf))
    }
    let dropped = optional.filter { o in !kept.contains { $0.1.range == o.1.range } }.map {
      $0.0.printed(bare: true)
    }
    let plan = BestMatchPlan(
      words: words, dropped: dropped, respelt: respelt, filter: filterPlan)
    let canonical = ParsedQuery(
      expression: Searcher.joined(
        optional.map { .term(.text($0.0, $0.1)) } + (expanded.expression.map { [$0] } ?? [])),
      stages: expanded.stages, bestMatch: true)
    let stages = try resolveStages(expanded.stages)
    var warnings = resolver.warnings
    for (w, better) in respelt {
      if let span = optional.first(where: { $0.0.text == w })?.1 {
        warnings.append(
          QueryWarning(.respelled(w, as: better), at: span.range))
      }
    }
    return Prepared(
      query: canonical, plan: filterPlan ?? .all, stages: stages, warnings: warnings,
      bestMatch: plan)
  }

  /// A plain query that refines a best-match one (`@last tag:x` after `? how do we …`, or a saved
  /// search that starts with `?`) is a best-match query too: the saved query's words stay
  /// optional, and the new terms are filters. Nil when no top-level reference is a best match.
  func refinesBestMatch(
    _ parsed: ParsedQuery, savedSearches: any SavedSearchProvider, lastQuery: String?
  ) -> ParsedQuery? {
    let items: [Expr]
    switch parsed.expression {
    case .and(let xs)?: items = xs
    case let x?: items = [x]
    case nil: return nil
    }
    for (i, item) in items.enumerated() {
      guard case .term(.saved(let name, let arguments, _)) = item, arguments.isEmpty else {
        continue
      }
      let text = name == "last" ? lastQuery : savedSearches.savedSearch(named: name)?.query
      guard let text, let inner = try? Parser.parse(text), inner.bestMatch else { continue }
      var others = items
      others.remove(at: i)
      let innerItems: [Expr]
      switch inner.expression {
      case .and(let xs)? where xs.count > 1: innerItems = xs
      case let x?: innerItems = [x]
      case nil: innerItems = []
      }
      // The new terms are filters: a bare word among them is kept as a group.
      let filters = others.map { x -> Expr in
        if case .term(.text) = x { return .and([x]) }
        return x
      }
      return ParsedQuery(
        expression: Searcher.joined(innerItems + filters), stages: inner.stages + parsed.stages,
        bestMatch: true)
    }
    return nil
  }

  /// Neighbouring words that together are a member of the thesaurus (`close call`) become that
  /// phrase, so they match as the group does.
  func joinMembers(_ words: [(Value, SourceSpan)]) -> [(Value, SourceSpan)] {
    guard !thesaurus.groups.isEmpty else { return words }
    var folding = TextFolding()
    let stemmer = Stemmer()
    var out: [(Value, SourceSpan)] = []
    var i = 0
    outer: while i < words.count {
      for length in stride(from: min(4, words.count - i), through: 2, by: -1) {
        let run = words[i..<i + length]
        guard run.allSatisfy({ if case .word = $0.0 { true } else { false } }) else { continue }
        let text = run.map(\.0.text).joined(separator: " ")
        if thesaurus.group(of: folding.words(text).map { stemmer.stem($0) }) != nil {
          out.append((.phrase(text), run.first!.1.union(run.last!.1)))
          i += length
          continue outer
        }
      }
      out.append(words[i])
      i += 1
    }
    return out
  }

  static func joined(_ items: [Expr]) -> Expr? {
    items.isEmpty ? nil : items.count == 1 ? items[0] : .and(items)
  }

  /// Runs a best-match query: the top k when a `limit` comes before anything that reorders.
  func executeBestMatch(_ prepared: Prepared, _ plan: BestMatchPlan) -> QueryResult {
    let filterDocs = plan.filter.map { $0.evaluate(in: index) }
    let clauses = plan.words.flatMap { word -> [Clause] in
      guard case .text(let fields, let match) = word.leaf.test else { return [] }
      return Clause.make(fields, Searcher.alternatives(match), word.written, index)
    }
    if plan.words.isEmpty {
      // Nothing to rank by: the filters alone, as a plain query would give them.
      return execute(
        Prepared(
          query: prepared.query, plan: prepared.plan, stages: prepared.stages,
          warnings: prepared.warnings))
    }
    var bits: [UInt64]?
    if let filterDocs {
      var b = [UInt64](repeating: 0, count: (index.count + 63) / 64)
      for d in filterDocs { b[Int(d) >> 6] |= 1 << UInt64(d & 63) }
      bits = b
    }
    let search = BestMatch(index: index, clauses: clauses, filter: bits)
    let hits: [Hit]
    let matched: Int
    if Searcher.orderIsIrrelevant(prepared.stages) {
      var all = [UInt64](repeating: 0, count: (index.count + 63) / 64)
      for clause in clauses { for d in clause.docs { all[Int(d) >> 6] |= 1 << UInt64(d & 63) } }
      if let bits { for w in all.indices { all[w] &= bits[w] } }
      hits = Postings.fromBits(all).map { Hit(entry: Int($0)) }
      matched = hits.count
    } else {
      (hits, matched) = search.run(k: Searcher.topK(prepared.stages))
    }
    let output = runStages(prepared.stages, on: hits)
    var words = MatchedWords()
    for word in plan.words {
      if case .text(_, let match) = word.leaf.test { words.add(match) }
    }
    return QueryResult(
      output: output, warnings: prepared.warnings, query: prepared.query, matched: matched,
      matchedWords: words, columnsChosen: prepared.choosesColumns)
  }

  /// The written form and its expansions, as alternatives of one clause.
  static func alternatives(_ match: TextMatch) -> [TextAlternative] {
    switch match {
    case .stem(let s): return [TextAlternative(form: .words([s]), weight: 1)]
    case .phrase(let ss): return [TextAlternative(form: .words(ss), weight: 1)]
    case .expanded(let alternatives): return alternatives
    case .prefix: return []
    }
  }

  /// How many entries the stages need, best first: the `limit` before any sort or count.
  static func topK(_ stages: [ResolvedStage]) -> Int? {
    for stage in stages {
      switch stage {
      case .limit(let n): return n
      case .sort, .count, .countBy: return nil
      case .fields: continue
      }
    }
    return nil
  }
}
