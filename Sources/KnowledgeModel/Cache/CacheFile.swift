import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One file of the cache: a magic, a format version, a checksum of the rest, then the payload.
/// A file that is missing, truncated, damaged or from another version reads as nil and is
/// rebuilt; writes go to a temporary file renamed into place, so a reader (or a second writer)
/// only ever sees a whole file.
public enum CacheFile {
  /// Bump whenever the format of anything cached changes.
  public static let formatVersion: UInt64 = 6
  static let magic: [UInt8] = Array("SKBCACHE".utf8)
  static let headerSize = 8 + 8 + 8

  /// The payload of the cache file at `path`, positioned after the header, or nil.
  public static func read(_ path: String) -> BinaryReader? {
    guard case .success(let bytes) = FileReader.read(path), bytes.count >= headerSize,
      Array(bytes[0..<8]) == magic
    else { return nil }
    var header = BinaryReader(bytes, from: 8)
    guard let version = try? header.fixed64(), version == formatVersion,
      let checksum = try? header.fixed64(),
      checksum == Checksum.of(bytes, from: headerSize)
    else { return nil }
    return BinaryReader(bytes, from: headerSize)
  }

  /// Writes `payload` as the cache file at `path`, atomically. A failure leaves the previous file
  /// as it was and is recorded in `failures` (the answer does not depend on the cache; the
  /// program says once that it could not be written).
  @discardableResult
  public static func write(_ path: String, payload: [UInt8]) -> Bool {
    let ok = writeAtomically(path, payload: payload)
    if !ok { Failures.shared.add(path, errno) }
    return ok
  }

  /// Cache files that could not be written in this process, as messages
  /// (`cannot write the cache 'PATH': file too large`).
  public static var failures: [String] { Failures.shared.messages }

  final class Failures: @unchecked Sendable {
    static let shared = Failures()
    private let lock = NSLock()
    private var list: [String] = []

    func add(_ path: String, _ code: Int32) {
      let reason = code == 0 ? "unknown error" : String(cString: strerror(code)).lowercased()
      lock.withLock { list.append("cannot write the cache '\(path)': \(reason)") }
    }

    var messages: [String] { lock.withLock { list } }
  }

  private static func writeAtomically(_ path: String, payload: [UInt8]) -> Bool {
    var header = BinaryWriter(capacity: headerSize)
    for b in magic { header.byte(b) }
    header.fixed64(formatVersion)
    header.fixed64(Checksum.of(payload))
    let folder = (path as NSString).deletingLastPathComponent
    try? FileManager.default.createDirectory(
      atPath: folder, withIntermediateDirectories: true, attributes: nil)
    let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return false }
    let ok = writeAll(fd, header.bytes) && writeAll(fd, payload)
    let code = errno
    close(fd)
    guard ok, rename(temporary, path) == 0 else {
      let failure = ok ? errno : code
      unlink(temporary)
      errno = failure
      return false
    }
    return true
  }

  private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          return false
        }
        offset += n
      }
      return true
    }
  }
}
