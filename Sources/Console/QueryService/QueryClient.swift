import CSocket

#if canImport(Glibc)
  import Glibc
#endif

/// The command's side of the query server (`QueryServer`): asks it to answer a query on this
/// process's standard streams.
public enum QueryClient {
  /// What became of the question.
  public enum Answer: Equatable, Sendable {
    /// No server, or one that declined or was too busy to accept in time: nothing was written,
    /// and the command answers by itself.
    case notServed
    /// The server answered on this process's streams; the command exits with this status.
    case answered(Int32)
    /// The server accepted, then stopped before it finished: part of an answer may have been
    /// written, so the command must not answer again.
    case interrupted
  }

  /// Asks the server in the watch daemon's state folder `state` to run `request` on this
  /// process's standard input, output and error (or on `streams`, three descriptors in that
  /// order). Waits at most `patience` for it to accept, then as long as the answer takes.
  public static func ask(
    _ request: QueryRequest, state: String, streams: [Int32] = [0, 1, 2],
    patience: Duration = .seconds(1)
  ) -> Answer {
    guard let connection = connect(state: state) else { return .notServed }
    defer { connection.close() }
    guard connection.send(request.encoded(), fds: streams) else { return .notServed }
    // Accepted, then confirmed: a server that accepts after the command stopped waiting finds
    // the connection closed instead of `go`, and writes nothing.
    guard connection.readLine(until: .now + patience) == "accepted",
      connection.send(line: "go")
    else { return .notServed }
    // Then as long as the answer takes; a server may still decline before it writes a byte.
    guard let last = connection.readLine(until: nil) else { return .interrupted }
    if last.hasPrefix("declined") { return .notServed }
    guard last.hasPrefix("status "), let status = Int32(last.dropFirst("status ".count)) else {
      return .interrupted
    }
    return .answered(status)
  }

  /// How many queries the server has answered since it started; nil when none runs (or it
  /// does not answer within `patience`).
  public static func answeredCount(
    root: String, state: String, patience: Duration = .seconds(1)
  ) -> Int? {
    guard let connection = connect(state: state) else { return nil }
    defer { connection.close() }
    guard connection.send(QueryRequest(kind: .status, root: root).encoded()),
      let line = connection.readLine(until: .now + patience), line.hasPrefix("answered ")
    else { return nil }
    return Int(line.dropFirst("answered ".count))
  }

  /// A connection to the server, if one listens and runs as this user: the command's streams
  /// (its terminal, say) are never handed to another user's process, whoever made the socket.
  private static func connect(state: String) -> ServiceConnection? {
    let fd = ServiceSocket.withPath(state: state) { skb_connect_unix($0) }
    guard fd >= 0 else { return nil }
    guard skb_peer_uid(fd) == Int(getuid()) else {
      close(fd)
      return nil
    }
    return ServiceConnection(fd: fd)
  }
}
