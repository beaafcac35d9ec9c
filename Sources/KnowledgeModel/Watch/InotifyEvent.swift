/// One inotify event, read from the bytes `read` gave.
struct InotifyEvent {
  var wd: Int32
  var mask: UInt32
  var name: String

  /// Calls `body` with each event in `buffer[0..<count]` until it returns false; returns false
  /// when it did.
  static func each(in buffer: [UInt8], count: Int, _ body: (InotifyEvent) -> Bool) -> Bool {
    var offset = 0
    while offset + 16 <= count {
      let (wd, mask, length) = buffer.withUnsafeBytes {
        (
          $0.loadUnaligned(fromByteOffset: offset, as: Int32.self),
          $0.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
          Int($0.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
        )
      }
      let end = min(count, offset + 16 + length)
      let name = buffer[(offset + 16)..<end].prefix { $0 != 0 }
      offset += 16 + length
      guard body(InotifyEvent(wd: wd, mask: mask, name: String(decoding: name, as: UTF8.self)))
      else { return false }
    }
    return true
  }
}
