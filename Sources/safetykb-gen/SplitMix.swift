import Foundation

/// A small, fast, seeded random number generator (SplitMix64), so that a seed always gives the
/// same knowledge base on every platform.
struct SplitMix: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `range`, without the platform-dependent paths of `Int.random(in:using:)`.
  mutating func int(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.count))
  }

  /// A number in [0, 1).
  mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

/// Draws ranks 0..<n with probability proportional to 1 / (rank + 1)^s: the word-frequency curve
/// of natural text.
struct Zipf {
  private let cumulative: [Double]

  init(count: Int, exponent s: Double = 1.0) {
    var total = 0.0
    var c: [Double] = []
    c.reserveCapacity(count)
    for rank in 0..<count {
      total += 1 / pow(Double(rank + 1), s)
      c.append(total)
    }
    cumulative = c.map { $0 / total }
  }

  func draw(_ random: inout SplitMix) -> Int {
    let u = random.unit()
    var lo = 0
    var hi = cumulative.count - 1
    while lo < hi {
      let mid = (lo + hi) / 2
      if cumulative[mid] < u { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}
