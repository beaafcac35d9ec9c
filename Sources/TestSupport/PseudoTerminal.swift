#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Drives a program under a real pseudo-terminal, for end-to-end tests of interactive behaviour
/// (line editing, Ctrl-C, Ctrl-D, completion listings, terminal width).
///
/// The program is started with `posix_spawn` in a new session whose controlling terminal is the
/// pty's slave side (stdin, stdout and stderr all go to it), so it sees `isatty() == 1`, gets
/// SIGINT from Ctrl-C when its terminal is in cooked mode, and a window size you choose.
///
/// ```swift
/// let term = try PseudoTerminal(
///   executable: ".build/debug/safetykb", arguments: ["shell"],
///   environment: ["TERM": "xterm", "HOME": home, "LANG": "C.UTF-8"], rows: 30, columns: 100)
/// try term.waitFor("skb> ")              // waits for output, never sleeps blindly
/// term.send("office:la")
/// term.send(key: .tab)
/// try term.waitFor("office:la-dcfs/")
/// term.send(key: .enter)
/// term.send(key: .ctrlD)
/// #expect(try term.waitForExit() == 0)
/// ```
///
/// Wait for the prompt before typing: keys sent while the program is busy reach the terminal
/// in cooked mode, where the line discipline handles them (echo, ^D as end-of-file, ^C as SIGINT)
/// before the line editor switches to raw mode again.
///
/// Output is kept raw (escape sequences, `\r\n`): `output` holds everything received so far.
/// Each `waitFor` searches only the output after the end of the previous match, so waiting for
/// the same prompt twice waits for a *new* prompt. On timeout it throws `PseudoTerminal.Timeout`
/// whose description carries the output so far. The process is killed when the value is
/// released. Use one instance from one thread.
public final class PseudoTerminal {
  public enum Key: Sendable {
    case tab, enter, backspace, escape, up, down, left, right
    case ctrlA, ctrlC, ctrlD, ctrlE, ctrlR, ctrlU, ctrlZ
    /// Control plus a letter, e.g. `.ctrl("w")`.
    case ctrl(Character)

    public var bytes: [UInt8] {
      switch self {
      case .tab: return [0x09]
      case .enter: return [0x0D]
      case .backspace: return [0x7F]
      case .escape: return [0x1B]
      case .up: return Array("\u{1B}[A".utf8)
      case .down: return Array("\u{1B}[B".utf8)
      case .right: return Array("\u{1B}[C".utf8)
      case .left: return Array("\u{1B}[D".utf8)
      case .ctrlA: return [0x01]
      case .ctrlC: return [0x03]
      case .ctrlD: return [0x04]
      case .ctrlE: return [0x05]
      case .ctrlR: return [0x12]
      case .ctrlU: return [0x15]
      case .ctrlZ: return [0x1A]
      case .ctrl(let c): return [(c.asciiValue ?? 0x40) & 0x1F]
      }
    }
  }

  public struct Timeout: Error, CustomStringConvertible {
    public var waitingFor: String
    public var seconds: Double
    public var output: String
    public var description: String {
      "timed out after \(seconds)s waiting for \(waitingFor); output so far:\n"
        + PseudoTerminal.visible(output)
    }
  }

  public struct SpawnError: Error, CustomStringConvertible {
    public var description: String
  }

  public let pid: pid_t
  private let master: Int32
  private var bytes: [UInt8] = []
  private var searchFrom = 0
  private var exitStatus: Int32?
  /// The terminal's other side was closed (the program and its children are gone).
  private var closed = false

  /// Everything the program wrote so far (decoded as UTF-8, raw escape sequences kept).
  public var output: String {
    while drain(timeout: 0) {}
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Starts `executable` (a path, or a name looked up in `PATH`) with exactly `environment`.
  public init(
    executable: String, arguments: [String] = [], environment: [String: String],
    rows: Int = 24, columns: Int = 80
  ) throws {
    // posix_openpt/grantpt/unlockpt/ptsname are hidden from Swift's Glibc module (they need
    // _XOPEN_SOURCE): use the Linux ioctls they are made of.
    let master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
    let setLock: UInt = 0x4004_5431  // TIOCSPTLCK, a macro Swift cannot import
    let getNumber: UInt = 0x8004_5430  // TIOCGPTN
    var unlock: Int32 = 0
    var number: UInt32 = 0
    guard master >= 0, ioctl(master, setLock, &unlock) == 0,
      ioctl(master, getNumber, &number) == 0
    else {
      let message = String(cString: strerror(errno))
      if master >= 0 { close(master) }
      throw SpawnError(description: "cannot open a pseudo-terminal: \(message)")
    }
    let slavePath = "/dev/pts/\(number)"
    var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
    _ = ioctl(master, UInt(TIOCSWINSZ), &size)

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    // Opened after setsid() in the child, without O_NOCTTY: becomes the controlling terminal.
    posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
    posix_spawn_file_actions_adddup2(&actions, 0, 1)
    posix_spawn_file_actions_adddup2(&actions, 0, 2)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigfillset(&defaults)
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setsigmask(&attributes, &empty)
    // POSIX_SPAWN_SETSID (glibc >= 2.26) is 0x80; Swift's Glibc module does not export it.
    let setsid: Int32 = 0x80
    posix_spawnattr_setflags(
      &attributes, Int16(setsid | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv + envp { free(pointer) }
    }
    var pid: pid_t = 0
    let status = posix_spawnp(&pid, executable, &actions, &attributes, argv, envp)
    guard status == 0 else {
      close(master)
      throw SpawnError(
        description: "cannot start \(executable): \(String(cString: strerror(status)))")
    }
    self.pid = pid
    self.master = master
    _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
  }

  deinit {
    if exitStatus == nil {
      kill(pid, SIGKILL)
      var status: Int32 = 0
      _ = waitpid(pid, &status, 0)
    }
    close(master)
  }

  /// Types `text` (UTF-8) as if on a keyboard.
  public func send(_ text: String) { write(Array(text.utf8)) }

  public func send(key: Key) { write(key.bytes) }

  /// Changes the window size; the program gets SIGWINCH.
  public func resize(rows: Int, columns: Int) {
    var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
    _ = ioctl(master, UInt(TIOCSWINSZ), &size)
  }

  /// How long a wait may last before the test fails. Only a bound on failure: a wait ends as soon
  /// as what it waits for appears, so a busy machine (a debug build, a cold cache, other builds
  /// on both cores) makes a passing test slower, never a failing one.
  public static let patience: Double = 120

  /// Waits until `substring` appears in the output after the previous match, and returns the
  /// output from the end of the previous match to the end of this one.
  @discardableResult
  public func waitFor(_ substring: String, timeout: Double = PseudoTerminal.patience) throws
    -> String
  {
    let needle = Array(substring.utf8)
    let deadline = Self.now() + timeout
    // Where the search resumes: bytes already searched are not searched again (long outputs
    // would otherwise be scanned once per read).
    var from = searchFrom
    while true {
      if let range = Self.find(needle, in: bytes, from: from) {
        let chunk = String(decoding: bytes[searchFrom..<range.upperBound], as: UTF8.self)
        searchFrom = range.upperBound
        return chunk
      }
      from = max(searchFrom, bytes.count - needle.count + 1)
      let left = deadline - Self.now()
      if left <= 0 || (closed && !drain(timeout: 0)) {
        throw Timeout(waitingFor: "'\(substring)'", seconds: timeout, output: output)
      }
      drain(timeout: min(left, 0.2))
    }
  }

  /// Waits for the program to end; returns its exit status, or 128 + the signal that ended it.
  public func waitForExit(timeout: Double = PseudoTerminal.patience) throws -> Int32 {
    let deadline = Self.now() + timeout
    while exitStatus == nil {
      var status: Int32 = 0
      let result = waitpid(pid, &status, WNOHANG)
      if result == pid {
        let signal = status & 0x7F
        exitStatus = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        break
      }
      if Self.now() > deadline {
        throw Timeout(waitingFor: "the exit of pid \(pid)", seconds: timeout, output: output)
      }
      drain(timeout: 0.05)  // keep reading so the program never blocks on a full terminal
    }
    while drain(timeout: 0) {}
    return exitStatus!
  }

  /// Reads what is available (waiting up to `timeout` seconds for the first bytes).
  /// Returns whether anything was read.
  @discardableResult
  ///
  /// At most 64 KiB is read per call, so a caller that waits for some text stops reading soon
  /// after it appears: a program writing a long output without pause would otherwise be read
  /// to its end in one call, and a test could never act (send Ctrl-C) while it is still writing.
  private func drain(timeout: Double) -> Bool {
    var pollfd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
    var readAny = false
    var wait = Int32(max(0, timeout * 1000))
    var budget = 16
    while budget > 0, poll(&pollfd, 1, wait) > 0 {
      budget -= 1
      var buffer = [UInt8](repeating: 0, count: 4096)
      let count = buffer.withUnsafeMutableBytes { Glibc.read(master, $0.baseAddress!, $0.count) }
      if count <= 0 {
        if count == 0 || errno == EIO { closed = true }  // the program closed the terminal
        break
      }
      bytes.append(contentsOf: buffer[0..<count])
      readAny = true
      wait = 0
    }
    return readAny
  }

  private func write(_ data: [UInt8]) {
    var offset = 0
    while offset < data.count {
      let count = data.withUnsafeBytes {
        Glibc.write(master, $0.baseAddress! + offset, $0.count - offset)
      }
      if count < 0 {
        if errno == EAGAIN || errno == EINTR {
          drain(timeout: 0.01)
          continue
        }
        return
      }
      offset += count
    }
  }

  private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Range<Int>?
  {
    guard !needle.isEmpty else { return start..<start }
    guard haystack.count - start >= needle.count else { return nil }
    for index in start...(haystack.count - needle.count)
    where haystack[index] == needle[0]
      && haystack[index..<index + needle.count].elementsEqual(needle)
    {
      return index..<index + needle.count
    }
    return nil
  }

  private static func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
  }

  /// `text` with escape and control characters made visible, for failure messages.
  public static func visible(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x0A: out += "\\n\n"
      case 0x0D: out += "\\r"
      case 0x1B: out += "\\e"
      case 0x00...0x1F, 0x7F: out += "^" + String(UnicodeScalar(UInt8(scalar.value ^ 0x40)))
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
