import Foundation
import TerminalText

/// A buffered writer to a file descriptor. A closed pipe on standard output ends the program
/// quietly (status 0), as a reader that stops reading expects.
final class Output: @unchecked Sendable {
  static let standard = Output(fd: 1)
  /// Standard error: never data, so untrusted text in messages is always shown escaped.
  static let error = Output(fd: 2, escapes: true)

  private let fd: Int32
  private let escapes: Bool
  private var buffer: [UInt8] = []
  private let lock = NSLock()

  init(fd: Int32, escapes: Bool = false) {
    self.fd = fd
    self.escapes = escapes
  }

  func write(_ text: String) {
    lock.lock()
    buffer.append(contentsOf: (escapes ? Escaping.visibleKeepingLines(text) : text).utf8)
    let full = buffer.count >= 1 << 16 || fd == 2
    lock.unlock()
    if full { flush() }
  }

  func flush() {
    lock.lock()
    defer { lock.unlock() }
    var offset = 0
    while offset < buffer.count {
      let n = buffer[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        if errno == EPIPE { exit(0) }
        buffer.removeAll()
        return
      }
      offset += n
    }
    buffer.removeAll(keepingCapacity: true)
  }
}

extension Output {
  /// A `TextOutputStream` view, so renderers can write straight into the buffer.
  struct Stream: TextOutputStream {
    let output: Output
    mutating func write(_ string: String) { output.write(string) }
  }

  var stream: Stream {
    get { Stream(output: self) }
    set {}
  }
}
