/// Least-significant-digit radix sort of non-negative numbers, eleven bits a pass: sorting the
/// 10,000 hits of a query among 100,000 entries takes two passes over the hits, where a
/// comparison sort would take fourteen.
enum RadixSort {
  static let bits = 11

  /// Sorts `values`, each in `0 ..< limit`.
  static func sort(_ values: inout [Int32], below limit: Int) {
    guard values.count > 1 else { return }
    let width = Int.bitWidth - max(0, limit - 1).leadingZeroBitCount
    var buffer = [Int32](repeating: 0, count: values.count)
    var shift = 0
    while shift < width {
      var counts = [Int](repeating: 0, count: (1 << bits) + 1)
      let mask = Int32((1 << bits) - 1)
      for v in values { counts[Int((v >> Int32(shift)) & mask) + 1] += 1 }
      for i in 1..<counts.count { counts[i] += counts[i - 1] }
      for v in values {
        let digit = Int((v >> Int32(shift)) & mask)
        buffer[counts[digit]] = v
        counts[digit] += 1
      }
      swap(&values, &buffer)
      shift += bits
    }
  }
}
