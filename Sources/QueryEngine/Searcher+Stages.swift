import KnowledgeModel
import Rendering

extension Searcher {
  func runStages(_ stages: [ResolvedStage], on start: [Hit]) -> QueryOutput {
    var hits = start
    var columns = Column.defaults
    var counted: QueryOutput?
    for stage in stages {
      switch stage {
      case .sort(let c, let descending): hits = sorted(hits, by: c, descending: descending)
      case .limit(let n):
        if let output = counted {
          counted = output.limited(to: n)
        } else {
          hits = Array(hits.prefix(n))
        }
      case .count: return .count(hits.count)
      case .countBy(let axes): counted = self.counted(hits, axes)
      case .fields(let cs): columns = cs
      }
    }
    return counted ?? .entries(hits: hits, columns: columns)
  }

  func facetRows(_ hits: [Hit], _ column: Column) -> [FacetRow] {
    var counts: [String: Int] = [:]
    if let postings = index.postings(for: column), hits.count * 8 > postings.total {
      // Many hits: count each value's postings against a bitset of the hits, instead of reading
      // every hit's values (a few thousand lookups instead of one per hit and value).
      var bits = [UInt64](repeating: 0, count: (index.count + 63) / 64)
      for hit in hits { bits[hit.entry >> 6] |= 1 << UInt64(hit.entry & 63) }
      for (value, docs) in postings.everyValue() {
        var n = 0
        for d in docs where bits[Int(d) >> 6] & (1 << UInt64(d & 63)) != 0 { n += 1 }
        if n > 0 { counts[postings.spelling[value] ?? value] = n }
      }
    } else if let postings = index.postings(for: column) {
      // Few hits: read their values. Values that differ only in letter case are one value, as
      // in matching, shown as first written, the same as above.
      let entries = knowledgeBase.entries
      for hit in hits {
        for value in Set(column.values(of: entries[hit.entry]).map { $0.lowercased() }) {
          counts[postings.spelling[value] ?? value, default: 0] += 1
        }
      }
    } else {
      let entries = knowledgeBase.entries
      for hit in hits {
        for value in Set(column.values(of: entries[hit.entry])) { counts[value, default: 0] += 1 }
      }
    }
    return counts.map { FacetRow(value: $0.key, count: $0.value) }.sorted {
      ($0.count, $1.value) > ($1.count, $0.value)
    }
  }

  /// Sorts by a column; entries without a value come last either way; ties go by id.
  func sorted(_ hits: [Hit], by column: Column, descending: Bool) -> [Hit] {
    let entries = knowledgeBase.entries
    let idRank = index.idRank
    func tie(_ a: Hit, _ b: Hit) -> Bool { idRank[a.entry] < idRank[b.entry] }
    switch column {
    case .score:
      return hits.sorted {
        let x = $0.score ?? 0
        let y = $1.score ?? 0
        return x == y ? tie($0, $1) : (descending ? x > y : x < y)
      }
    case .id:
      return hits.sorted { descending ? tie($1, $0) : tie($0, $1) }
    case .date, .year, .month:
      let (dateLower, dateUpper) = (index.dateLower, index.dateUpper)
      return hits.sorted {
        let x = (dateLower[$0.entry], dateUpper[$0.entry])
        let y = (dateLower[$1.entry], dateUpper[$1.entry])
        if x == y { return tie($0, $1) }
        if x.0 == 0 || y.0 == 0 { return y.0 == 0 }
        return descending ? x > y : x < y
      }
    default:
      let keys = Dictionary(
        hits.map { ($0.entry, column.values(of: entries[$0.entry]).first?.lowercased()) },
        uniquingKeysWith: { a, _ in a })
      return hits.sorted {
        let x = keys[$0.entry] ?? nil
        let y = keys[$1.entry] ?? nil
        guard let x, let y else { return x != nil || (x == nil && y == nil && tie($0, $1)) }
        if x == y { return tie($0, $1) }
        if let dx = Double(x), let dy = Double(y), dx != dy {
          return descending ? dx > dy : dx < dy
        }
        return descending ? x > y : x < y
      }
    }
  }
}

extension QueryOutput {
  /// The first `n` rows of counts (of a cross-tabulation, its first `n` rows of the grid).
  func limited(to n: Int) -> QueryOutput {
    switch self {
    case .facets(let field, let rows): return .facets(field: field, rows: Array(rows.prefix(n)))
    case .facetTree(let field, let rows, let tree):
      return .facetTree(field: field, rows: Array(rows.prefix(n)), tree: Array(tree.prefix(n)))
    case .crossTab(let rowField, let columnField, let rowValues, let columnValues, let counts):
      return .crossTab(
        rowField: rowField, columnField: columnField, rowValues: Array(rowValues.prefix(n)),
        columnValues: columnValues, counts: Array(counts.prefix(n)))
    case .entries(let hits, let columns):
      return .entries(hits: Array(hits.prefix(n)), columns: columns)
    case .count: return self
    }
  }
}
