import Foundation
import Rendering
import SystemIO
import TerminalText

/// A buffered writer to a file descriptor. A closed pipe on standard output ends the program
/// quietly (status 0), as a reader that stops reading expects.
public final class Output: @unchecked Sendable {
  public static let standard = Output(fd: 1)
  /// Standard error: never data, so untrusted text in messages is always shown escaped.
  public static let error = Output(fd: 2, escapes: true)

  private let fd: Int32
  private let escapes: Bool
  private var buffer: [UInt8] = []
  private let lock = NSLock()
  /// For another process's stream (the query server's client): asked before each write whether
  /// the reader still wants the output. Nil for this program's own streams, where a closed pipe
  /// ends the program instead.
  private let wanted: (() -> Bool)?
  /// Set once a client's stream was found closed, or its client gone: later writes are dropped.
  public private(set) var readerGone = false

  init(fd: Int32, escapes: Bool = false) {
    self.fd = fd
    self.escapes = escapes
    wanted = nil
  }

  /// A writer to another process's stream, whose closed pipe ends nothing but the writes: the
  /// rest of the output is dropped, as it is once `wanted` says the client has gone.
  init(clientStream fd: Int32, escapes: Bool, wanted: @escaping () -> Bool) {
    self.fd = fd
    self.escapes = escapes
    self.wanted = wanted
  }

  public func write(_ text: String) {
    lock.lock()
    buffer.append(contentsOf: (escapes ? Escaping.visibleKeepingLines(text) : text).utf8)
    let full = buffer.count >= 1 << 16 || fd == 2
    lock.unlock()
    if full { flush() }
  }

  /// Writes UTF-8 text (a renderer's byte output): into the buffer when it fits, else straight
  /// out after what is buffered.
  public func write(utf8 bytes: UnsafeBufferPointer<UInt8>) {
    if escapes {
      write(String(decoding: bytes, as: UTF8.self))
      return
    }
    lock.lock()
    let fits = buffer.count + bytes.count < 1 << 16
    if fits { buffer.append(contentsOf: bytes) }
    lock.unlock()
    if fits { return }
    flush()
    lock.lock()
    defer { lock.unlock() }
    writeAll(bytes)
  }

  public func flush() {
    lock.lock()
    defer { lock.unlock() }
    buffer.withUnsafeBufferPointer { writeAll($0) }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Writes every byte; a closed pipe ends the program quietly. The lock must be held.
  private func writeAll(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard !bytes.isEmpty, !readerGone else { return }
    if let wanted, !wanted() {
      readerGone = true
      return
    }
    do {
      try Files.writeAll(fd, UnsafeRawBufferPointer(bytes))
    } catch {
      guard error == .brokenPipe else { return }
      if wanted == nil { exit(0) }
      readerGone = true
    }
  }
}

extension Output {
  /// A sink for renderers that writes straight into the buffer.
  public struct Stream: RenderSink {
    let output: Output
    public mutating func write(_ string: String) { output.write(string) }
    public mutating func write(utf8 bytes: UnsafeBufferPointer<UInt8>) {
      output.write(utf8: bytes)
    }
  }

  public var stream: Stream {
    get { Stream(output: self) }
    set {}
  }
}
