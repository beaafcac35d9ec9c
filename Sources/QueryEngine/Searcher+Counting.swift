import KnowledgeModel
import Rendering

/// `count by`: facet counts, timelines (`date`, `year`, `month`), roll-ups of paths (`depth N`),
/// trees of paths, and cross-tabulations of two fields.
extension Searcher {
  func counted(_ hits: [Hit], _ axes: [CountAxis]) -> QueryOutput {
    if axes.count == 2 { return crossTab(hits, axes[0], axes[1]) }
    let axis = axes[0]
    if axis.column.isTime || axis.depth != nil {
      var tally = self.tally(hits, [axis])
      let order = tally.axes[0].ordered(by: tally.single[0])
      return .facets(
        field: axis.column,
        rows: order.map {
          FacetRow(
            value: tally.axes[0].labels[$0],
            count: $0 < tally.single[0].count ? tally.single[0][$0] : 0)
        })
    }
    let rows = facetRows(hits, axis.column)
    if let tree = facetTree(hits, axis.column) {
      return .facetTree(field: axis.column, rows: rows, tree: tree)
    }
    return .facets(field: axis.column, rows: rows)
  }

  func crossTab(_ hits: [Hit], _ first: CountAxis, _ second: CountAxis) -> QueryOutput {
    var tally = self.tally(hits, [first, second])
    let rowOrder = tally.axes[0].ordered(by: tally.single[0])
    let columnOrder = tally.axes[1].ordered(by: tally.single[1])
    var counts = [[Int]](
      repeating: [Int](repeating: 0, count: columnOrder.count), count: rowOrder.count)
    var rowPlace = [Int](repeating: 0, count: tally.axes[0].labels.count)
    var columnPlace = [Int](repeating: 0, count: tally.axes[1].labels.count)
    for (place, r) in rowOrder.enumerated() { rowPlace[r] = place }
    for (place, c) in columnOrder.enumerated() { columnPlace[c] = place }
    for (pair, n) in tally.pairs { counts[rowPlace[Int(pair.a)]][columnPlace[Int(pair.b)]] = n }
    return .crossTab(
      rowField: first.column, columnField: second.column,
      rowValues: rowOrder.map { tally.axes[0].labels[$0] },
      columnValues: columnOrder.map { tally.axes[1].labels[$0] }, counts: counts)
  }

  /// Counts for one or two axes: each entry once per distinct key (and, with two axes, once per
  /// distinct pair of keys).
  func tally(_ hits: [Hit], _ axes: [CountAxis]) -> Tally {
    var bits = [UInt64](repeating: 0, count: (index.count + 63) / 64)
    for hit in hits { bits[hit.entry >> 6] |= 1 << UInt64(hit.entry & 63) }
    var tally = Tally(axes: axes.map { AxisKeys($0, hits: hits, bits: bits, searcher: self) })
    for hit in hits {
      let first = tally.axes[0].keys(of: hit.entry)
      guard tally.axes.count == 2 else {
        for k in first { tally.single[0][Int(k)] += 1 }
        continue
      }
      // A cross-tabulation shows pairs: a value counts only with a partner.
      let second = tally.axes[1].keys(of: hit.entry)
      guard !first.isEmpty, !second.isEmpty else { continue }
      for k in first { tally.single[0][Int(k)] += 1 }
      for k in second { tally.single[1][Int(k)] += 1 }
      for a in first {
        for b in second { tally.pairs[Pair(a, b), default: 0] += 1 }
      }
    }
    return tally
  }

  /// The counts of a field of paths as a tree: every path and ancestor with the number of
  /// entries at or below it, depth first, siblings most first; nil when no value has a `/`.
  func facetTree(_ hits: [Hit], _ column: Column) -> [FacetRow]? {
    guard column.isHierarchical, let postings = index.postings(for: column),
      postings.sortedValues.contains(where: { $0.contains("/") })
    else { return nil }
    var bits = [UInt64](repeating: 0, count: (index.count + 63) / 64)
    for hit in hits { bits[hit.entry >> 6] |= 1 << UInt64(hit.entry & 63) }
    var counts: [String: Int] = [:]
    var children: [String: [String]] = [:]
    for (path, docs) in postings.everyPath() {
      var n = 0
      for d in docs where bits[Int(d) >> 6] & (1 << UInt64(d & 63)) != 0 { n += 1 }
      guard n > 0 else { continue }
      counts[path] = n
      let parent = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
      children[parent, default: []].append(path)
    }
    guard counts.keys.contains(where: { $0.contains("/") }) else { return nil }
    var rows: [FacetRow] = []
    func visit(_ parent: String) {
      let kids = (children[parent] ?? []).sorted { (counts[$1]!, $0) < (counts[$0]!, $1) }
      for kid in kids {
        rows.append(FacetRow(value: postings.spelling[kid] ?? kid, count: counts[kid]!))
        visit(kid)
      }
    }
    visit("")
    return rows
  }
}

/// Two key numbers counted together.
struct Pair: Hashable {
  var a: Int32
  var b: Int32
  init(_ a: Int32, _ b: Int32) {
    self.a = a
    self.b = b
  }
}

/// What `tally` counted: for each axis its keys and each key's count (by key number), and the
/// pairs' counts.
struct Tally {
  var axes: [AxisKeys]
  var single: [[Int]]
  var pairs: [Pair: Int] = [:]

  init(axes: [AxisKeys]) {
    self.axes = axes
    self.single = axes.map { [Int](repeating: 0, count: $0.labels.count) }
  }
}
