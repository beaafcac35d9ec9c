import CSocket
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The query server's socket, `STATE/query.sock` in the watch daemon's state folder (a folder
/// only its user can enter).
enum ServiceSocket {
  static let name = "query.sock"

  /// Runs `body` with a path that names the socket of `state`: the plain one, or, when that is
  /// too long for a socket address (108 bytes), the same file through `/proc/self/fd`.
  static func withPath<T>(state: String, _ body: (String) -> T) -> T {
    let plain = state + "/" + name
    if plain.utf8.count < 100 { return body(plain) }
    let folder = open(state, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard folder >= 0 else { return body(plain) }
    defer { close(folder) }
    return body("/proc/self/fd/\(folder)/\(name)")
  }
}

/// One connection between a command and the query server: a request with the command's
/// standard streams attached, then short lines each way (`accepted`, `go`, `status N`).
struct ServiceConnection {
  let fd: Int32

  func close() { Glibc.close(fd) }

  /// Sends `bytes`, with `fds` attached to the first of them. False on any failure.
  func send(_ bytes: [UInt8], fds: [Int32] = []) -> Bool {
    var offset = 0
    var attached = fds
    while offset < bytes.count {
      let sent = bytes.withUnsafeBufferPointer { buffer in
        attached.withUnsafeMutableBufferPointer { descriptors in
          skb_send_with_fds(
            fd, buffer.baseAddress! + offset, buffer.count - offset, descriptors.baseAddress,
            Int32(descriptors.count))
        }
      }
      guard sent > 0 else { return false }
      offset += sent
      attached = []
    }
    return true
  }

  func send(line: String) -> Bool { send(Array((line + "\n").utf8)) }

  /// Waits until the connection can be read, at most until `deadline` (nil: without end).
  /// False at the deadline or on an error.
  func waitReadable(until deadline: ContinuousClock.Instant?) -> Bool {
    while true {
      var timeout: Int32 = -1
      if let deadline {
        let left = ContinuousClock.now.duration(to: deadline)
        guard left > .zero else { return false }
        let (seconds, attoseconds) = left.components
        timeout = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
      }
      var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      let ready = poll(&waiting, 1, timeout)
      if ready < 0, errno == EINTR { continue }
      return ready > 0
    }
  }

  /// Whether the other end has closed the connection or written to it: a client that has sent
  /// `go` writes nothing more, so either means it has gone. Does not wait.
  var peerHasGone: Bool { skb_peer_stirred(fd) != 0 }

  /// Reads one line (without its newline), by the deadline; nil at the end, on an error, past
  /// the deadline, or past 4 KB.
  func readLine(until deadline: ContinuousClock.Instant?) -> String? {
    var line: [UInt8] = []
    var byte: UInt8 = 0
    while line.count < 4096 {
      guard waitReadable(until: deadline) else { return nil }
      let n = read(fd, &byte, 1)
      if n < 0, errno == EINTR { continue }
      guard n == 1 else { return nil }
      if byte == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self) }
      line.append(byte)
    }
    return nil
  }

  /// Reads a request's message and the descriptors sent with it, by the deadline; nil for
  /// anything else (too long, cut short, too late). The descriptors are closed then.
  func receiveMessage(until deadline: ContinuousClock.Instant) -> (body: [UInt8], fds: [Int32])? {
    var received: [UInt8] = []
    var fds: [Int32] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    var expected: Int?
    while expected.map({ received.count < 4 + $0 }) ?? true {
      guard waitReadable(until: deadline) else { break }
      var more = [Int32](repeating: -1, count: Int(SKB_MAX_FDS))
      var count: Int32 = 0
      let want = expected.map { min(chunk.count, 4 + $0 - received.count) } ?? 4
      let n = chunk.withUnsafeMutableBytes { buffer in
        skb_receive_with_fds(fd, buffer.baseAddress, want, &more, Int32(more.count), &count)
      }
      fds += more.prefix(Int(count))
      guard n > 0 else { break }
      received += chunk.prefix(n)
      if expected == nil, received.count >= 4 {
        guard let length = QueryRequest.length(of: received.prefix(4)) else { break }
        expected = length
      }
    }
    guard let expected, received.count == 4 + expected else {
      for descriptor in fds { Glibc.close(descriptor) }
      return nil
    }
    return (Array(received.dropFirst(4)), fds)
  }
}
