/// Whether a run of UTF-8 bytes may need escaping in a format: eight bytes at a time, by the
/// classic bit tricks for "some byte is below n" and "some byte equals b". A `true` sends the text
/// down the escaping path, which decides exactly; so it may err towards `true`, never towards
/// `false`. Scanning byte by byte was half the time of writing a large result out.
enum ByteScan {
  private static let ones: UInt64 = 0x0101_0101_0101_0101
  private static let highs: UInt64 = 0x8080_8080_8080_8080

  /// Some byte of `x` is below `n` (n ≤ 128).
  @inline(__always)
  static func hasByteBelow(_ x: UInt64, _ n: UInt8) -> Bool {
    (x &- ones &* UInt64(n)) & ~x & highs != 0
  }

  /// Some byte of `x` equals `b`.
  @inline(__always)
  static func hasByte(_ x: UInt64, _ b: UInt8) -> Bool {
    hasByteBelow(x ^ (ones &* UInt64(b)), 1)
  }

  /// Whether `bytes` hold a control byte (below 0x20), `a` or `b`, or, with `ascii`, a byte
  /// outside printable ASCII (DEL or any byte of a multi-byte character).
  @inline(__always)
  static func mayNeedEscape(
    _ bytes: UnsafeBufferPointer<UInt8>, _ a: UInt8, _ b: UInt8, ascii: Bool = false
  ) -> Bool {
    let n = bytes.count
    guard let base = bytes.baseAddress else { return false }
    let raw = UnsafeRawPointer(base)
    var i = 0
    while i + 8 <= n {
      let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      if hasByteBelow(x, 0x20) || hasByte(x, a) || hasByte(x, b) { return true }
      if ascii, x & highs != 0 || hasByte(x, 0x7F) { return true }
      i += 8
    }
    while i < n {
      let c = base[i]
      if c < 0x20 || c == a || c == b || (ascii && c >= 0x7F) { return true }
      i += 1
    }
    return false
  }
}
