/// Sorted lists of entry numbers and the set algebra over them.
enum Postings {
  static func intersect(_ a: [Int32], _ b: [Int32]) -> [Int32] {
    if a.count > b.count { return intersect(b, a) }
    var out: [Int32] = []
    out.reserveCapacity(a.count)
    if a.count * 16 < b.count {
      // Galloping: binary-search each element of the short list in the long one.
      var lo = 0
      for x in a {
        var hi = b.count
        while lo < hi {
          let mid = (lo + hi) / 2
          if b[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        if lo < b.count, b[lo] == x { out.append(x) }
      }
      return out
    }
    var i = 0
    var j = 0
    while i < a.count && j < b.count {
      if a[i] < b[j] {
        i += 1
      } else if a[i] > b[j] {
        j += 1
      } else {
        out.append(a[i])
        i += 1
        j += 1
      }
    }
    return out
  }

  static func union(_ a: [Int32], _ b: [Int32]) -> [Int32] {
    if a.isEmpty { return b }
    if b.isEmpty { return a }
    var out: [Int32] = []
    out.reserveCapacity(a.count + b.count)
    var i = 0
    var j = 0
    while i < a.count && j < b.count {
      if a[i] < b[j] {
        out.append(a[i])
        i += 1
      } else if a[i] > b[j] {
        out.append(b[j])
        j += 1
      } else {
        out.append(a[i])
        i += 1
        j += 1
      }
    }
    out.append(contentsOf: a[i...])
    out.append(contentsOf: b[j...])
    return out
  }

  /// The union of many lists, through a bitset when there are more than two.
  static func union(_ lists: [[Int32]], count: Int) -> [Int32] {
    if lists.count <= 2 { return lists.reduce([], union) }
    var bits = [UInt64](repeating: 0, count: (count + 63) / 64)
    for list in lists { for x in list { bits[Int(x) >> 6] |= 1 << UInt64(x & 63) } }
    return fromBits(bits)
  }

  static func fromBits(_ bits: [UInt64]) -> [Int32] {
    var out: [Int32] = []
    for (w, word) in bits.enumerated() where word != 0 {
      var rest = word
      while rest != 0 {
        let b = rest.trailingZeroBitCount
        out.append(Int32(w * 64 + b))
        rest &= rest - 1
      }
    }
    return out
  }

  /// Elements of `a` not in `b`.
  static func subtract(_ a: [Int32], _ b: [Int32]) -> [Int32] {
    if b.isEmpty { return a }
    var out: [Int32] = []
    out.reserveCapacity(a.count)
    var j = 0
    for x in a {
      while j < b.count && b[j] < x { j += 1 }
      if j < b.count && b[j] == x { continue }
      out.append(x)
    }
    return out
  }

  static func all(_ count: Int) -> [Int32] { (0..<Int32(count)).map { $0 } }

  /// Adds `doc` to a list being built in entry order, once.
  static func add(_ doc: Int32, to list: inout [Int32]) {
    if list.last != doc { list.append(doc) }
  }
}
