/// Reads what `BinaryWriter` wrote, checking every bound: a truncated or damaged buffer throws,
/// never crashes.
public struct BinaryReader: Sendable {
  public struct Damaged: Error, Equatable {
    public init() {}
  }

  private let bytes: [UInt8]
  public private(set) var position: Int

  public init(_ bytes: [UInt8], from position: Int = 0) {
    self.bytes = bytes
    self.position = position
  }

  public var isAtEnd: Bool { position == bytes.count }

  /// A reader of the same bytes from `position` (nothing is copied).
  public func reader(at position: Int) -> BinaryReader {
    BinaryReader(bytes, from: min(max(0, position), bytes.count))
  }

  /// Bytes `range` of the buffer, or nil when they are not all in it.
  public func slice(_ range: Range<Int>) -> ArraySlice<UInt8>? {
    guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return nil }
    return bytes[range]
  }

  /// Passes over `n` bytes.
  public mutating func skip(_ n: Int) throws(Damaged) {
    guard n >= 0, n <= bytes.count - position else { throw Damaged() }
    position += n
  }

  public mutating func byte() throws(Damaged) -> UInt8 {
    guard position < bytes.count else { throw Damaged() }
    defer { position += 1 }
    return bytes[position]
  }

  public mutating func bool() throws(Damaged) -> Bool {
    switch try byte() {
    case 0: return false
    case 1: return true
    default: throw Damaged()
    }
  }

  public mutating func uint() throws(Damaged) -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      let b = try byte()
      guard shift < 64 else { throw Damaged() }
      result |= UInt64(b & 0x7F) << shift
      if b < 0x80 { return result }
      shift += 7
    }
  }

  public mutating func int() throws(Damaged) -> Int {
    let u = try uint()
    return Int(Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1))))
  }

  /// A count of things, each at least `unit` bytes long, that the rest of the buffer can hold.
  public mutating func count(unit: Int = 1) throws(Damaged) -> Int {
    let n = try uint()
    guard n <= UInt64(bytes.count - position) / UInt64(max(1, unit)) else { throw Damaged() }
    return Int(n)
  }

  public mutating func fixed64() throws(Damaged) -> UInt64 {
    guard bytes.count - position >= 8 else { throw Damaged() }
    var v: UInt64 = 0
    for k in 0..<8 { v |= UInt64(bytes[position + k]) << (8 * UInt64(k)) }
    position += 8
    return v
  }

  public mutating func string() throws(Damaged) -> String {
    let n = try count()
    defer { position += n }
    // Through a buffer pointer: an array slice would retain the buffer for every string, and the
    // threads decoding records at once would fight over its reference count.
    let start = position
    return bytes.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[start..<start + n]), as: UTF8.self)
    }
  }

  public mutating func optionalString() throws(Damaged) -> String? {
    try bool() ? try string() : nil
  }

  public mutating func strings() throws(Damaged) -> [String] {
    let n = try count()
    var out: [String] = []
    out.reserveCapacity(n)
    for _ in 0..<n { out.append(try string()) }
    return out
  }

  public mutating func int32s() throws(Damaged) -> [Int32] { try array(of: Int32.self) }

  /// A counted array of fixed-size values, copied in one piece.
  private mutating func array<T: FixedWidthInteger>(of: T.Type) throws(Damaged) -> [T] {
    let size = MemoryLayout<T>.size
    let n = try count(unit: size)
    let start = position
    position += n * size
    return [T](unsafeUninitializedCapacity: n) { buffer, initialised in
      bytes.withUnsafeBytes { raw in
        UnsafeMutableRawBufferPointer(buffer).copyMemory(
          from: UnsafeRawBufferPointer(rebasing: raw[start..<start + n * size]))
      }
      initialised = n
    }
  }
}
