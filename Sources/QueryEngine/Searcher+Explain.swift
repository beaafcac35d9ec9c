import KnowledgeModel

extension Searcher {
  /// How a query was read, in plain words: the canonical text with saved searches expanded, each
  /// term as resolved (aliases, hierarchy, stems) with the number of entries it matches, the
  /// stages, the order and the total.
  public func explain(
    _ text: String, savedSearches: any SavedSearchProvider = NoSavedSearches(),
    lastQuery: String? = nil
  ) throws(QueryError) -> String {
    try onSoundIndex { () throws(QueryError) in
      try explanation(text, savedSearches: savedSearches, lastQuery: lastQuery)
    }
  }

  private func explanation(
    _ text: String, savedSearches: any SavedSearchProvider, lastQuery: String?
  ) throws(QueryError) -> String {
    let prepared = try prepare(
      text, savedSearches: savedSearches, lastQuery: lastQuery, explaining: true)
    var lines = ["query: " + text, "read as: " + prepared.query.description]
    if let plan = prepared.bestMatch {
      return explainBestMatch(prepared, plan, into: lines)
    }
    lines.append("matching:")
    describe(prepared.plan, depth: 1, into: &lines)
    if !prepared.stages.isEmpty {
      lines.append("then:")
      for stage in prepared.stages { lines.append("  " + stage.explanation) }
    }
    let result = execute(prepared)
    if !prepared.plan.positiveLikeness().isEmpty {
      lines.append(
        "order: by likeness (shared distinctive words, tags, outcomes, offices and links)"
          + (prepared.plan.positiveText().isEmpty ? "" : " plus relevance") + ", ties by id")
    } else if prepared.plan.positiveText().isEmpty {
      lines.append("order: by title, then id (no full-text word to rank by)")
    } else {
      lines.append(
        "order: by relevance (BM25F: a hit in the title counts 3×, in the summary 2×, in the"
          + " body 1×), ties by id")
    }
    for warning in prepared.warnings { lines.append(warning.description) }
    let total = knowledgeBase.entries.count
    lines.append("total: \(result.matched) of \(total) entries match")
    return lines.joined(separator: "\n")
  }

  func describe(_ plan: Plan, depth: Int, into lines: inout [String]) {
    let pad = String(repeating: "  ", count: depth)
    let n = plan.evaluate(in: index).count
    let count = n == 1 ? "1 entry" : "\(n) entries"
    switch plan {
    case .all: lines.append(pad + "* → every entry: " + count)
    case .leaf(let leaf): lines.append(pad + leaf.label + ": " + count)
    case .not(let inner):
      lines.append(pad + "NOT (entries the following does not match): " + count)
      describe(inner, depth: depth + 1, into: &lines)
    case .and(let xs):
      lines.append(pad + "AND (all of the following): " + count)
      for x in xs { describe(x, depth: depth + 1, into: &lines) }
    case .or(let xs):
      lines.append(pad + "OR (any of the following): " + count)
      for x in xs { describe(x, depth: depth + 1, into: &lines) }
    }
  }

  /// Checks a query before it is saved under `name`: it parses (parameters `$1` … `$9` allowed),
  /// every saved search it refers to exists, and none refers back to it.
  public func validateSavedSearch(
    name: String, query: String, savedSearches: any SavedSearchProvider = NoSavedSearches()
  ) throws(QueryError) {
    let nameIsValid =
      !name.isEmpty && name != "last"
      && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    guard nameIsValid else {
      let why =
        name == "last"
        ? "'last' is reserved for the previous query" : "use letters, digits, '-' and '_'"
      throw QueryError(.cannotSave(name: name, reason: why), at: 0..<0, in: query)
    }
    do {
      let parsed = try Parser.parse(query, allowParameters: true)
      let expander = Expander(provider: savedSearches, lastQuery: nil)
      _ = try expander.expand(parsed, chain: [name])
      _ = try resolveStages(parsed.stages)
    } catch {
      throw error.text.isEmpty ? error.with(text: query) : error
    }
  }
}

extension ResolvedStage {
  var explanation: String {
    switch self {
    case .sort(let c, let d):
      let undated = c == .date || c == .year ? ", undated last" : ", entries without one last"
      return
        "sort by \(c) \(d ? "descending" : "ascending")\(c == .score ? "" : undated), ties by id"
    case .limit(let n): return "keep the first \(n)"
    case .count: return "count the entries"
    case .countBy(let axes): return CountAxis.explanation(axes)
    case .fields(let cs): return "show the columns " + cs.map(\.description).joined(separator: ", ")
    }
  }
}
