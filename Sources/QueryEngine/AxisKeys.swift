import KnowledgeModel

/// The keys one `count by` field gives each entry, numbered as they are met, and their order in
/// the output: a timeline for dates, most first otherwise.
struct AxisKeys {
  let axis: CountAxis
  /// Whether values that differ only in letter case are one key (fields with postings).
  let folded: Bool
  /// The first spelling of lower-cased values written otherwise (from the index).
  let spelling: [String: String]
  /// For a date: count by month (entries dated to a year only in a row of their own) or by year.
  var monthly: Bool
  /// Each key's label, by key number.
  private(set) var labels: [String] = []
  /// For dates: each key's place in time, `year * 100 + month` (month 0: the whole year).
  private var slots: [Int] = []
  private var numbers: [String: Int] = [:]

  init(axis: CountAxis, folded: Bool, spelling: [String: String]) {
    self.axis = axis
    self.folded = folded
    self.spelling = spelling
    self.monthly = axis.column == .month
  }

  /// The entry's distinct keys.
  mutating func keys(of entry: borrowing Entry) -> [Int] {
    if axis.column.isTime {
      guard let date = entry.date else { return [] }
      return [number(slot: date.year * 100 + (monthly ? date.month ?? 0 : 0))]
    }
    var out: [Int] = []
    for raw in axis.column.values(of: entry) {
      var value = raw
      if let depth = axis.depth {
        value = raw.split(separator: "/", omittingEmptySubsequences: false).prefix(depth)
          .joined(separator: "/")
      }
      let key = folded ? value.lowercased() : value
      let n: Int
      if let known = numbers[key] {
        n = known
      } else {
        n = labels.count
        numbers[key] = n
        labels.append(folded ? spelling[key] ?? key : value)
      }
      if !out.contains(n) { out.append(n) }
    }
    return out
  }

  private mutating func number(slot: Int) -> Int {
    let label = Self.label(slot: slot, monthly: monthly)
    if let n = numbers[label] { return n }
    numbers[label] = labels.count
    labels.append(label)
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

  /// The key numbers in output order. Dates: oldest first, with every period between the first
  /// and the last (the empty ones are added as keys with no count); a year-only row comes before
  /// its year's months. Other fields: most first, ties by label.
  mutating func ordered(by counts: [Int: Int]) -> [Int] {
    guard axis.column.isTime else {
      return labels.indices.filter { counts[$0] != nil }.sorted {
        let (x, y) = (counts[$0] ?? 0, counts[$1] ?? 0)
        return x != y ? x > y : labels[$0] < labels[$1]
      }
    }
    let counted = slots.indices.filter { counts[$0] != nil }.map { slots[$0] }
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
