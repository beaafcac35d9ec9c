import SystemIO

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The shell's history on disk: one entry a line, with `\\`, `\n` and `\r` backslash-escaped.
///
/// Rules: an empty line, or one starting with a space, is not stored; a line equal to the
/// previous entry is stored once; at most `limit` entries are kept. Each entry is appended and
/// fsynced as it is entered, so a killed shell loses nothing; when the file grows past
/// `rewriteThreshold` lines it is rewritten with the last `limit` entries through a temporary
/// file and a rename. The file is created with mode 0600, missing parent folders with 0700.
/// A failed write leaves the previous file as it was and is reported once.
public final class HistoryFile {
  public let path: String
  public let limit: Int
  public let rewriteThreshold: Int
  /// The entries, oldest first, as loaded and appended (at most `limit`).
  public private(set) var entries: [String] = []
  private var linesInFile = 0
  private var reportedFailure = false
  private let report: (String) -> Void

  /// - Parameter report: receives the one message printed when writing fails (default: stderr).
  public init(
    path: String, limit: Int = 1000, rewriteThreshold: Int = 1100,
    report: @escaping (String) -> Void = { HistoryFile.writeToStandardError($0) }
  ) {
    self.path = path
    self.limit = max(1, limit)
    self.rewriteThreshold = max(limit, rewriteThreshold)
    self.report = report
  }

  /// Reads the file (a missing file is an empty history) and returns the last `limit` entries.
  @discardableResult
  public func load() -> [String] {
    guard let text = Self.readFile(path) else {
      entries = []
      linesInFile = 0
      return entries
    }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map {
      Self.decode(String($0))
    }
    linesInFile = lines.count
    if lines.count > limit { lines.removeFirst(lines.count - limit) }
    entries = lines
    return entries
  }

  /// Whether `line` would be stored after the current entries.
  public func shouldStore(_ line: String) -> Bool {
    guard let first = line.first, first != " " else { return false }
    return line != entries.last
  }

  /// Stores `line` if the rules allow; returns whether it was stored (in memory and on disk).
  @discardableResult
  public func add(_ line: String) -> Bool {
    guard shouldStore(line) else { return false }
    entries.append(line)
    if entries.count > limit { entries.removeFirst(entries.count - limit) }
    do {
      if linesInFile + 1 > rewriteThreshold {
        try rewrite()
      } else {
        try append(Self.encode(line) + "\n")
        linesInFile += 1
      }
      return true
    } catch {
      fail(error)
      return false
    }
  }

  // MARK: format

  public static func encode(_ line: String) -> String {
    var out = ""
    for character in line.unicodeScalars {
      switch character {
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      default: out.unicodeScalars.append(character)
      }
    }
    return out
  }

  public static func decode(_ text: String) -> String {
    var out = ""
    var escaping = false
    for scalar in text.unicodeScalars {
      if escaping {
        switch scalar {
        case "n": out += "\n"
        case "r": out += "\r"
        default: out.unicodeScalars.append(scalar)
        }
        escaping = false
      } else if scalar == "\\" {
        escaping = true
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    if escaping { out += "\\" }
    return out
  }

  // MARK: disk

  private func append(_ text: String) throws {
    try Files.makeDirectories(Files.folder(of: path))
    let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw FileError("open", path, errno: .current) }
    defer { close(fd) }
    var status = stat()
    let sizeBefore = fstat(fd, &status) == 0 ? status.st_size : -1
    do {
      do throws(Errno) {
        try Files.writeAll(fd, text.utf8)
      } catch {
        throw FileError("write", path, errno: error)
      }
      guard fsync(fd) == 0 || errno == EINVAL else {
        throw FileError("sync", path, errno: .current)
      }
    } catch {
      // A partly written entry would corrupt the next line: cut it off again.
      if sizeBefore >= 0, status.st_mode & S_IFMT == S_IFREG { _ = ftruncate(fd, sizeBefore) }
      throw error
    }
  }

  private func rewrite() throws {
    try Files.makeDirectories(Files.folder(of: path))
    let text = entries.map { Self.encode($0) + "\n" }.joined()
    try Files.replace(
      path, with: Array(text.utf8), durable: true, temporary: path + ".tmp.\(getpid())")
    linesInFile = entries.count
  }

  private func fail(_ error: Error) {
    guard !reportedFailure else { return }
    reportedFailure = true
    report("safetykb: history not saved: \(error) (further history errors are not shown)\n")
  }

  /// The file's text; nil when it cannot be read. Only a regular file: /dev/full or /dev/zero
  /// as a history file would never end.
  static func readFile(_ path: String) -> String? {
    guard let bytes = try? Files.read(path) else { return nil }
    return String(decoding: bytes, as: UTF8.self)
  }

  public static func writeToStandardError(_ message: String) {
    try? Files.writeAll(2, message.utf8)
  }
}
