/// A fast 64-bit hash of bytes (eight at a time, multiply and rotate), for the cache's checksum
/// and for the content of files. Not cryptographic: it finds damage and edits, not attacks.
public enum Checksum {
  public static func of(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ seed ^ UInt64(bytes.count)
    var i = 0
    let n = bytes.count
    // Four independent lanes over 32-byte blocks let the processor overlap the multiplies (the
    // cache files run to tens of megabytes); the lanes are folded into `h` afterwards.
    if n >= 64 {
      var lanes: (UInt64, UInt64, UInt64, UInt64) = (h, h ^ 1, h ^ 2, h ^ 3)
      while i + 32 <= n {
        lanes.0 = mix(lanes.0, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        lanes.1 = mix(lanes.1, bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
        lanes.2 = mix(lanes.2, bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
        lanes.3 = mix(lanes.3, bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
        i += 32
      }
      h = mix(mix(mix(mix(h, lanes.0), lanes.1), lanes.2), lanes.3)
    }
    return finish(h, UnsafeRawBufferPointer(rebasing: bytes[i...]))
  }

  @inline(__always)
  static func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
    (h ^ (w &* 0x87C3_7B91_1142_53D5)).rotated(31) &* 0x4CF5_AD43_2745_937F
  }

  public static func of(_ bytes: [UInt8], from start: Int = 0, seed: UInt64 = 0) -> UInt64 {
    bytes.withUnsafeBytes { of(UnsafeRawBufferPointer(rebasing: $0[start...]), seed: seed) }
  }

  public static func of(_ text: String) -> UInt64 {
    var t = text
    return t.withUTF8 { of(UnsafeRawBufferPointer($0)) }
  }
}

extension Checksum {
  /// The words and the tail after the lanes, and the final mix.
  static func finish(_ start: UInt64, _ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var h = start
    var i = 0
    let n = bytes.count
    while i + 8 <= n {
      let w = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      h = (h ^ (w &* 0x87C3_7B91_1142_53D5)).rotated(31) &* 0x4CF5_AD43_2745_937F
      i += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < n {
      tail |= UInt64(bytes[i]) << shift
      shift += 8
      i += 1
    }
    h = (h ^ (tail &* 0x87C3_7B91_1142_53D5)).rotated(31) &* 0x4CF5_AD43_2745_937F
    h ^= h >> 33
    h = h &* 0xFF51_AFD7_ED55_8CCD
    h ^= h >> 33
    return h
  }
}

extension UInt64 {
  fileprivate func rotated(_ k: UInt64) -> UInt64 { (self << k) | (self >> (64 - k)) }
}
