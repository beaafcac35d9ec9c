/// Writes values into a compact little-endian byte buffer: the cache's format, by hand.
/// Integers are LEB128 varints; arrays of `Int32` are raw, for fast reading.
public struct BinaryWriter {
  public private(set) var bytes: [UInt8] = []

  public init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

  public mutating func byte(_ b: UInt8) { bytes.append(b) }

  /// Bytes as they are, with no length.
  public mutating func raw(_ more: [UInt8]) { bytes.append(contentsOf: more) }
  public mutating func raw(_ more: ArraySlice<UInt8>) { bytes.append(contentsOf: more) }

  /// Writes `value` over the eight bytes at `offset`, written before as `fixed64`.
  public mutating func patch64(_ value: UInt64, at offset: Int) {
    for i in 0..<8 { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
  }

  public mutating func bool(_ b: Bool) { bytes.append(b ? 1 : 0) }

  public mutating func uint(_ value: UInt64) {
    var v = value
    while v >= 0x80 {
      bytes.append(UInt8(v & 0x7F) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }

  public mutating func int(_ value: Int) {
    let v = Int64(value)
    uint(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
  }

  public mutating func fixed64(_ value: UInt64) {
    for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(k)))) }
  }

  public mutating func string(_ s: String) {
    var s = s
    s.withUTF8 { utf8 in
      uint(UInt64(utf8.count))
      bytes.append(contentsOf: utf8)
    }
  }

  public mutating func optionalString(_ s: String?) {
    bool(s != nil)
    if let s { string(s) }
  }

  public mutating func strings(_ list: [String]) {
    uint(UInt64(list.count))
    for s in list { string(s) }
  }

  public mutating func int32s(_ list: [Int32]) {
    uint(UInt64(list.count))
    list.withUnsafeBytes { bytes.append(contentsOf: $0) }
  }
}
