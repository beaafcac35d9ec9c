import KnowledgeModel

extension Searcher {
  /// `explain` for a best-match query: the words that count and those dropped, the filters, how
  /// a score is made, and the sums behind the first entries' scores.
  func explainBestMatch(_ prepared: Prepared, _ plan: BestMatchPlan, into start: [String])
    -> String
  {
    var lines = start
    if plan.words.isEmpty {
      lines.append("best match: no word to rank by; the filters alone decide")
    } else {
      lines.append("best match: entries with any of these words, ranked:")
      for word in plan.words {
        let n = index.matches(word.leaf.test).count
        var line = "  " + word.leaf.label + ": " + (n == 1 ? "1 entry" : "\(n) entries")
        if case .text(let fields, let match) = word.leaf.test,
          let clause = Clause.make(fields, Searcher.alternatives(match), word.written, index).first
        {
          line +=
            ", idf \(String(format4: clause.idf)), adds at most \(String(format4: clause.bound))"
        }
        lines.append(line)
      }
    }
    if !plan.dropped.isEmpty {
      lines.append("dropped as function words: " + plan.dropped.joined(separator: ", "))
    }
    if let filter = plan.filter {
      lines.append("filters (every result must match):")
      describe(filter, depth: 1, into: &lines)
    }
    if !prepared.stages.isEmpty {
      lines.append("then:")
      for stage in prepared.stages { lines.append("  " + stage.explanation) }
    }
    let result = execute(prepared)
    if !plan.words.isEmpty {
      lines.append(
        "score: the sum, over the words an entry has, of BM25F (a hit in the title counts 3×, in"
          + " the summary 2×, in the body 1×; a synonym's hit counts half), plus a nearness bonus"
          + " for neighbouring words of the query found within \(Nearness.window) words of each"
          + " other (\(Nearness.weight) × the smaller idf ÷ their distance); ties by id")
      if let k = Searcher.topK(prepared.stages) {
        let visited = visitedForTopK(plan, k)
        lines.append(
          "top \(k) only (MaxScore): \(visited) of \(result.matched) matching entries were looked"
            + " at; the others had only words too weak to lift them into the top \(k)")
      }
      if case .entries(let hits, _) = result.output {
        for hit in hits.prefix(3) { lines.append(breakdown(hit.entry, plan)) }
      }
    }
    for warning in prepared.warnings { lines.append(warning.description) }
    lines.append("total: \(result.matched) of \(knowledgeBase.entries.count) entries match")
    return lines.joined(separator: "\n")
  }

  /// How many entries top-k retrieval looked at.
  func visitedForTopK(_ plan: BestMatchPlan, _ k: Int) -> Int {
    let clauses = plan.words.flatMap { word -> [Clause] in
      guard case .text(let fields, let match) = word.leaf.test else { return [] }
      return Clause.make(fields, Searcher.alternatives(match), word.written, index)
    }
    var bits: [UInt64]?
    if let docs = plan.filter?.evaluate(in: index) {
      var b = [UInt64](repeating: 0, count: (index.count + 63) / 64)
      for d in docs { b[Int(d) >> 6] |= 1 << UInt64(d & 63) }
      bits = b
    }
    var visited = 0
    _ = BestMatch(index: index, clauses: clauses, filter: bits).run(k: k, visited: &visited)
    return visited
  }

  /// `  id: 7.1234 = support 2.1 + caseworkers 3.0 + nearness 0.4`
  func breakdown(_ entry: Int, _ plan: BestMatchPlan) -> String {
    let clauses = plan.words.flatMap { word -> [Clause] in
      guard case .text(let fields, let match) = word.leaf.test else { return [] }
      return Clause.make(fields, Searcher.alternatives(match), word.written, index)
    }
    let doc = Int32(entry)
    var parts: [String] = []
    var total = 0.0
    var matched: [Int] = []
    for c in clauses.indices {
      let s = ClauseScorer.with(index: index, clauses: clauses) { $0.score(c, doc) }
      if s > 0 {
        parts.append("\(clauses[c].text) \(String(format4: s))")
        total += s
        matched.append(c)
      }
    }
    let near = matched.count > 1 ? Nearness(index: index, clauses: clauses).bonus(doc, matched) : 0
    if near > 0 { parts.append("nearness \(String(format4: near))") }
    total += near
    let id = knowledgeBase.entries[entry].id
    return "  \(id): \(String(format4: total)) = " + parts.joined(separator: " + ")
  }
}
