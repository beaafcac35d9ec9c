import KnowledgeModel

/// The keys one `count by` field gives each entry among the hits, numbered, and their order in
/// the output: a timeline for dates, most first otherwise. Keys are read from the index where it
/// has them (dates, and the postings of facets and other keys), so counting 100,000 entries
/// reads no entry.
struct AxisKeys {
  let axis: CountAxis
  /// For a date: count by month (entries dated to a year only in a row of their own) or by year.
  var monthly: Bool
  /// Each key's label, by key number.
  private(set) var labels: [String] = []
  /// For dates: each key's place in time, `year * 100 + month` (month 0: the whole year).
  private var slots: [Int] = []
  private var slotNumbers: [Int: Int] = [:]
  /// Entry `d`'s key numbers are `keys[starts[d] ..< starts[d + 1]]`.
  private var starts: [Int32] = []
  private var keys: [Int32] = []

  init(_ axis: CountAxis, hits: [Hit], bits: [UInt64], searcher: Searcher) {
    self.axis = axis
    let index = searcher.index
    let (lower, upper) = (index.dateLower, index.dateUpper)
    monthly = axis.column == .month
    if axis.column == .date {
      // `date` counts by month when some entry is dated to a month or a day, else by year.
      monthly = hits.contains { Self.month(lower, upper, $0.entry) != 0 }
    }
    var groups: [(label: String, docs: PostingLists.List)] = []
    if axis.column.isTime {
      var perDoc = [Int32](repeating: -1, count: index.count)
      for hit in hits where lower[hit.entry] != 0 {
        let year = Int(lower[hit.entry]) / 10000
        perDoc[hit.entry] = Int32(
          number(slot: year * 100 + (monthly ? Self.month(lower, upper, hit.entry) : 0)))
      }
      fill(count: index.count) { doc, add in if perDoc[doc] >= 0 { add(perDoc[doc]) } }
      return
    } else if let postings = index.postings(for: axis.column) {
      func label(_ value: String) -> String { postings.spelling[value] ?? value }
      if let depth = axis.depth {
        func levels(_ path: String) -> Int { path.utf8.reduce(1) { $1 == 0x2F ? $0 + 1 : $0 } }
        for (path, docs) in postings.everyPath() where levels(path) == depth {
          groups.append((label(path), docs))
        }
        for (value, docs) in postings.everyValue() where levels(value) < depth {
          groups.append((label(value), docs))
        }
      } else {
        for (value, docs) in postings.everyValue() { groups.append((label(value), docs)) }
      }
    } else {
      // Fields without postings (title, summary, source, path): read from the entries.
      var byLabel: [String: [Int32]] = [:]
      for hit in hits {
        for value in Set(axis.column.values(of: searcher.knowledgeBase.entries[hit.entry])) {
          byLabel[value, default: []].append(Int32(hit.entry))
        }
      }
      groups = byLabel.map { ($0.key, PostingLists.List($0.value.sorted())) }
    }
    // Key numbers for the groups some hit is in; then each hit's keys.
    var groupKey = [Int32](repeating: -1, count: groups.count)
    var counts = [Int32](repeating: 0, count: index.count)
    for (g, group) in groups.enumerated() {
      for d in group.docs where Self.contains(bits, d) {
        counts[Int(d)] += 1
        if groupKey[g] < 0 {
          groupKey[g] = Int32(labels.count)
          labels.append(group.label)
        }
      }
    }
    starts = [Int32](repeating: 0, count: index.count + 1)
    for d in 0..<index.count { starts[d + 1] = starts[d] + counts[d] }
    keys = [Int32](repeating: 0, count: Int(starts[index.count]))
    var next = starts
    for (g, group) in groups.enumerated() where groupKey[g] >= 0 {
      for d in group.docs where Self.contains(bits, d) {
        keys[Int(next[Int(d)])] = groupKey[g]
        next[Int(d)] += 1
      }
    }
  }

  /// Entry `doc`'s key numbers.
  func keys(of doc: Int) -> ArraySlice<Int32> {
    keys[Int(starts[doc])..<Int(starts[doc + 1])]
  }

  static func contains(_ bits: [UInt64], _ d: Int32) -> Bool {
    bits[Int(d) >> 6] & (1 << UInt64(d & 63)) != 0
  }

  /// The month an entry is dated to, from the index's first and last day of each entry's date
  /// (1–12), or 0 when its date is a year only.
  static func month(_ lowers: [Int32], _ uppers: [Int32], _ doc: Int) -> Int {
    let (lower, upper) = (Int(lowers[doc]), Int(uppers[doc]))
    return lower / 100 == upper / 100 ? lower / 100 % 100 : 0
  }

  /// Keys of at most one per entry, given by `key(doc, add)`.
  private mutating func fill(count: Int, _ key: (Int, (Int32) -> Void) -> Void) {
    starts = [Int32](repeating: 0, count: count + 1)
    keys = []
    for d in 0..<count {
      key(d) { keys.append($0) }
      starts[d + 1] = Int32(keys.count)
    }
  }

  private mutating func number(slot: Int) -> Int {
    if let n = slotNumbers[slot] { return n }
    slotNumbers[slot] = labels.count
    labels.append(Self.label(slot: slot, monthly: monthly))
    slots.append(slot)
    return labels.count - 1
  }

  /// `2019`, `2019-10`, or `2019 (year only)` in a monthly timeline.
  static func label(slot: Int, monthly: Bool) -> String {
    let year = String(slot / 100)
    let y = String(repeating: "0", count: max(0, 4 - year.count)) + year
    guard monthly else { return y }
    let month = slot % 100
    if month == 0 { return y + " (year only)" }
    return y + (month < 10 ? "-0" : "-") + String(month)
  }

  /// The key numbers in output order, given each key's count. Dates: oldest first, with every
  /// period between the first and the last (the empty ones are added as keys); a year-only row
  /// comes before its year's months. Other fields: most first, ties by label; keys counted 0
  /// (met only without a partner in a cross-tabulation) are left out.
  mutating func ordered(by counts: [Int]) -> [Int] {
    func count(_ k: Int) -> Int { k < counts.count ? counts[k] : 0 }
    guard axis.column.isTime else {
      return labels.indices.filter { count($0) > 0 }.sorted {
        count($0) != count($1) ? count($0) > count($1) : labels[$0] < labels[$1]
      }
    }
    let counted = slots.indices.filter { count($0) > 0 }.map { slots[$0] }
    var wanted = Set(counted)
    let periods = counted.filter { !monthly || $0 % 100 != 0 }
    if let first = periods.min(), let last = periods.max() {
      var slot = first
      while slot < last {
        slot += monthly ? (slot % 100 == 12 ? 89 : 1) : 100
        wanted.insert(slot)
      }
    }
    return wanted.sorted().map { number(slot: $0) }
  }
}

extension CountAxis {
  /// How `explain` describes a `count by` stage.
  static func explanation(_ axes: [CountAxis]) -> String {
    func name(_ axis: CountAxis) -> String {
      axis.column.description
        + (axis.depth.map { " (cut to \($0) level\($0 == 1 ? "" : "s"))" } ?? "")
    }
    if axes.count == 2 {
      let order = axes[1].column.isTime ? ", columns oldest first" : ""
      return "count the entries for each pair of \(name(axes[0])) and \(name(axes[1])), one row"
        + " for each \(axes[0].column), one column for each \(axes[1].column)\(order)"
    }
    let axis = axes[0]
    if axis.column.isTime {
      return
        "count the entries for each \(axis.column == .date ? "period" : axis.column.description),"
        + " oldest first, empty periods between as 0"
    }
    return "count the entries for each \(name(axis)), most first"
  }
}
