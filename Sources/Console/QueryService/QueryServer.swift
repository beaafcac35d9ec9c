import CSocket
import Foundation
import KnowledgeModel
import LineEditing
import QueryEngine
import Rendering
import ShellKit
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Answers `safetykb query`, `show` and `explain` from memory, in the watch daemon's process:
/// the knowledge base and its index stay loaded, and each command passes its question, options,
/// environment and standard streams over a Unix socket in the daemon's state folder
/// (`QueryClient`). A command then pays for starting a process, not for loading 100,000 entries.
///
/// Each answer is the one the command would have given by itself: before each, files touched
/// since the last are taken in as the shell takes them in (an inotify watch, read at once: an
/// edit that finished before the command asked is in its queue), and the answer is written by
/// the same session code, with the command's terminal facts, environment and saved searches.
/// Whatever the server cannot answer that way it declines, and the command answers by itself.
public final class QueryServer: @unchecked Sendable {
  /// The knowledge base's folder, absolute.
  public let root: String
  let state: String
  let cache: CacheLocation
  private var listener: Int32 = -1
  private var wake: [Int32] = [-1, -1]
  private let done = DispatchSemaphore(value: 0)
  private let lastActivity = Mutex<ContinuousClock.Instant>(.now)
  /// Only the server's thread touches these.
  private var resident: Session?
  private var answered = 0
  /// Called when a command of another build asks: the daemon stops (`forDaemon`).
  var newerProgramAsked: @Sendable () -> Void = {}
  /// Called (on another thread) when a command went away a second ago and its answer is still
  /// being made: the daemon exits at once (`forDaemon`).
  var answerAbandoned: @Sendable () -> Void = {}

  /// A server for the knowledge base in `root`, in the daemon's state folder `state`, loading
  /// through `cache`.
  public init(root: String, state: String, cache: CacheLocation) {
    self.root = CacheLocation.absolute(root)
    self.state = state
    self.cache = cache
  }

  /// When a command last asked (or the server started): the daemon stays while commands ask.
  public var lastActive: ContinuousClock.Instant { lastActivity.withLock { $0 } }

  /// Listens on the socket (replacing one a dead server left) and answers on a thread of its
  /// own. Only the daemon holding the state folder's lock may call it. False when the socket
  /// cannot be made: the daemon goes on without a server.
  @discardableResult
  public func start() -> Bool {
    guard pipe(&wake) == 0 else { return false }
    for fd in wake { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    let mask = umask(0o077)
    listener = ServiceSocket.withPath(state: state) { path -> Int32 in
      unlink(path)
      return skb_listen_unix(path, 16)
    }
    umask(mask)
    guard listener >= 0 else {
      stop()
      return false
    }
    let thread = Thread { [self] in
      // A command's reader that went away must not end the daemon (nor a test's process):
      // SIGPIPE is blocked on this thread, and a write to a closed pipe reports EPIPE instead.
      var blocked = sigset_t()
      sigemptyset(&blocked)
      sigaddset(&blocked, SIGPIPE)
      pthread_sigmask(SIG_BLOCK, &blocked, nil)
      // Loaded before the first question: a daemon is started by a command that has just
      // loaded the knowledge base (and written the cache), so this load is a warm one, made
      // while that command finishes.
      _ = current()
      serve()
      done.signal()
    }
    // A query is parsed and run on this thread: the main thread's stack, not a small one.
    thread.stackSize = 8 << 20
    thread.start()
    return true
  }

  /// Stops listening and waits until the first load, or the answer being written, is finished.
  public func stop() {
    if listener >= 0 {
      var byte: UInt8 = 1
      _ = write(wake[1], &byte, 1)
      done.wait()
      ServiceSocket.withPath(state: state) { _ = unlink($0) }
      close(listener)
      listener = -1
    }
    for fd in wake where fd >= 0 { close(fd) }
    wake = [-1, -1]
  }

  private func serve() {
    while true {
      var waiting = [
        pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
        pollfd(fd: wake[0], events: Int16(POLLIN), revents: 0),
      ]
      if poll(&waiting, 2, -1) < 0 {
        if errno == EINTR { continue }
        return
      }
      if waiting[1].revents != 0 { return }
      guard waiting[0].revents != 0 else { continue }
      let fd = skb_accept(listener)
      guard fd >= 0 else {
        // Out of descriptors, say: wait a little rather than spin.
        if errno != EINTR, errno != EAGAIN, errno != ECONNABORTED { usleep(10_000) }
        continue
      }
      let connection = ServiceConnection(fd: fd)
      handle(connection)
      connection.close()
    }
  }

  private func handle(_ connection: ServiceConnection) {
    // The state folder is its user's only; a socket reached some other way answers nobody else.
    guard skb_peer_uid(connection.fd) == Int(getuid()),
      let (body, received) = connection.receiveMessage(until: .now + .seconds(2))
    else { return }
    var streams = received
    defer { for fd in streams { close(fd) } }
    lastActivity.withLock { $0 = .now }
    guard let request = QueryRequest.decode(body) else {
      _ = connection.send(line: "declined: not a request this server reads")
      return
    }
    switch request.kind {
    case .status:
      _ = connection.send(line: "answered \(answered)")
    case .query, .show, .explain:
      if let reason = answer(request, streams: &streams, on: connection) {
        _ = connection.send(line: "declined: \(reason)")
      }
    }
    lastActivity.withLock { $0 = .now }
  }

  /// The command a request asks for, as the program's subcommand gives it to its session.
  static func command(for request: QueryRequest) -> Command? {
    switch request.kind {
    case .query: return .query(request.query)
    case .explain: return .explain(request.query)
    case .show: return request.ids.isEmpty ? nil : .show(request.ids, style: request.style ?? .text)
    case .status: return nil
    }
  }

  /// Answers a command on the command's streams, and closes them before the status is sent (a
  /// reader of the command's output sees its end when the command exits); the reason when it
  /// declines instead, before anything is written.
  private func answer(
    _ request: QueryRequest, streams: inout [Int32], on connection: ServiceConnection
  ) -> String? {
    guard let command = Self.command(for: request) else { return "not a command it answers" }
    guard streams.count == 3 else { return "no standard streams came with the request" }
    guard CacheLocation.absolute(request.root) == root else { return "another knowledge base" }
    guard request.program == QueryService.program else {
      // Installed anew while this daemon ran: its answers would follow the old build's rules.
      // It makes way, and the next command starts a daemon of the new build.
      newerProgramAsked()
      return "another build of safetykb; this daemon stops"
    }
    // The command waits for `accepted` only so long (this server may be busy with another
    // command's answer); if it has stopped waiting, it answers by itself and sends no `go`.
    guard connection.send(line: "accepted"), connection.readLine(until: .now + .seconds(2)) == "go"
    else { return nil }
    // Taking changes in may take a while (many files changed at once); the command waits for it,
    // and may still be declined: nothing has been written yet.
    guard let (parts, searcher) = current() else {
      return "the knowledge base does not load as it is now"
    }
    let terminal = TerminalInfo.of(
      input: streams[0], output: streams[1], error: streams[2],
      environment: request.environment)
    let session = Session.open(
      parts, paths: [root], cache: cache, prefetched: nil, searching: true, terminal: terminal,
      environment: request.environment, searcher: searcher)
    session.format = request.format
    let wanted = { !connection.peerHasGone }
    var port = ClientPort(
      output: Output(clientStream: streams[1], escapes: false, wanted: wanted),
      error: Output(clientStream: streams[2], escapes: true, wanted: wanted))
    let watch = HangUpWatch(
      connection: connection.fd, grace: .seconds(1), abandoned: answerAbandoned)
    var status = session.executeOnce(
      command,
      presenter: Presenter(options: terminal.renderOptions(color: request.color)),
      asking: false, to: &port)
    port.output.flush()
    port.error.flush()
    watch?.finish()
    // A reader that stopped reading ends a command quietly, with 0.
    if port.output.readerGone { status = 0 }
    for fd in streams { close(fd) }
    streams = []
    answered += 1
    _ = connection.send(line: "status \(status)")
    // A large answer's memory goes back to the system, not kept for the daemon's life (a
    // small one's is not worth the walk through the heap).
    if port.written > 8 << 20 { skb_trim_memory() }
    return nil
  }

  /// The knowledge base and its searcher as they are on disk now: loaded through the cache the
  /// first time, then with the files touched since taken in. Nil when it does not load, or a
  /// change cannot be taken in (the folder gone, say): then the next question loads afresh.
  private func current() -> (parts: [KnowledgeBase], searcher: Searcher)? {
    if resident == nil {
      let cache = cache
      guard let kb = try? Loader.load(root, cache: cache, locations: false) else { return nil }
      let session = Session(
        knowledgeBase: kb, path: root, searches: nil,
        load: { try Loader.load($0, cache: cache, locations: false) })
      session.prepareSearcher(prefetched: nil)
      resident = session
    }
    guard let resident, resident.catchUp() else {
      resident = nil
      return nil
    }
    return (resident.parts, resident.runner.searcher)
  }
}

/// A command's standard output and error, as the server writes them.
struct ClientPort: OutputPort {
  let output: Output
  let error: Output
  /// How many bytes of content were rendered.
  var written = 0

  init(output: Output, error: Output) {
    self.output = output
    self.error = error
  }

  mutating func write(_ content: ByteSink) {
    written += content.count
    content.withBytes { output.write(utf8: $0) }
    output.flush()
  }

  mutating func writeError(_ text: String) {
    output.flush()
    error.write(text)
  }

  /// A query's answer runs no command; should one ever come, it is refused, not run in the
  /// server's environment.
  mutating func run(_ command: String, input: ByteSink?) -> Bool {
    writeError("error: the query server does not run commands ('\(command)')\n")
    return false
  }
}

extension QueryServer {
  /// The server for a watch daemon of `root` whose state is in `state`, loading through the
  /// cache `environment` gives; nil when that cache's state folder for `root` is another (a
  /// daemon started by hand elsewhere).
  public static func forDaemon(root: String, state: String, environment: [String: String])
    -> QueryServer?
  {
    guard var cache = CacheLocation.standard(environment: environment),
      CacheLocation.absolute(cache.watchFolder(forRoot: root)) == CacheLocation.absolute(state)
    else { return nil }
    // Through the journal of this very daemon; never another daemon started.
    cache.watch = WatchUse(executable: nil)
    let server = QueryServer(root: root, state: state, cache: cache)
    // As `daemon stop` does: the daemon stops its server, lets its lock go and exits.
    server.newerProgramAsked = { kill(getpid(), SIGTERM) }
    // No waiting for an answer nobody reads: the socket and process id go, the kernel drops
    // the lock, and the next command answers by itself and starts a new daemon. The changes
    // were taken in before the answer began; a cache file being written (an index found
    // damaged mid-answer and built again) is left as by a command stopped with Ctrl-C: its
    // temporary file, never a replaced file cut short.
    server.answerAbandoned = { [state] in
      ServiceSocket.withPath(state: state) { _ = unlink($0) }
      unlink(state + "/watch.pid")
      _exit(0)
    }
    return server
  }
}

/// Whether one-shot queries go through the query server, and what the two sides compare.
public enum QueryService {
  /// This program's build: its GNU build id in hex (the same for every copy of one build), or,
  /// for a program linked without one, its file's device, inode, size and modification time.
  public static let program: String = {
    var id = [UInt8](repeating: 0, count: 64)
    let n = Int(skb_program_build_id(&id, Int32(id.count)))
    if n > 0 { return "build " + id.prefix(n).map { String(format: "%02x", $0) }.joined() }
    var status = stat()
    guard stat("/proc/self/exe", &status) == 0 else { return "unknown" }
    return
      "file \(status.st_dev):\(status.st_ino):\(status.st_size):\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
  }()

  /// `SAFETYKB_SERVE=never` (or `off`, `0`) makes a command answer by itself; anything else, or
  /// unset, asks the server where a daemon runs.
  public static func enabled(environment: [String: String]) -> Bool {
    switch environment["SAFETYKB_SERVE"]?.lowercased() {
    case "never", "off", "0": return false
    default: return true
    }
  }
}
