/// Where renderers write: text, and runs of UTF-8 bytes that are already valid text (pieces of a
/// table's shared text), which a byte sink copies without making a string of them.
public protocol RenderSink: TextOutputStream {
  mutating func write(utf8 bytes: UnsafeBufferPointer<UInt8>)
}

extension String: RenderSink {
  public mutating func write(utf8 bytes: UnsafeBufferPointer<UInt8>) {
    append(String(decoding: bytes, as: UTF8.self))
  }
}

/// Output gathered as UTF-8 bytes in one growing block: the fast sink for large results, where a
/// write is a bounds check and a copy.
///
/// Its properties skip the run-time exclusivity check (a quarter of a write's cost): a sink is
/// written by one renderer at a time, never from two threads.
public final class ByteSink: RenderSink {
  @exclusivity(unchecked) private var base: UnsafeMutablePointer<UInt8>
  @exclusivity(unchecked) private var capacity: Int
  /// How many bytes have been written.
  @exclusivity(unchecked) public private(set) var count = 0

  public init(capacity: Int = 1 << 16) {
    self.capacity = max(16, capacity)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  public func write(_ string: String) {
    var string = string
    string.withUTF8 { write(utf8: $0) }
  }

  public func write(utf8 bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress else { return }
    if count + bytes.count > capacity { grow(to: count + bytes.count) }
    (base + count).initialize(from: source, count: bytes.count)
    count += bytes.count
  }

  private func grow(to needed: Int) {
    var size = capacity
    while size < needed { size *= 2 }
    let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
    larger.initialize(from: base, count: count)
    base.deallocate()
    base = larger
    capacity = size
  }

  /// Reads what was written, without copying it.
  public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    try body(UnsafeBufferPointer(start: base, count: count))
  }

  /// Forgets what was written, keeping the memory for what comes next.
  public func removeAll() { count = 0 }

  /// A copy of the bytes.
  public var bytes: [UInt8] { withBytes(Array.init) }

  /// The bytes as a string.
  public var text: String { withBytes { String(decoding: $0, as: UTF8.self) } }
}
