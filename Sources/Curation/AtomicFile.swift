import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Whole-file reads and replacements for curating: a file is written to a temporary name in its
/// own folder, flushed, then renamed over the old one, so a reader (or a crash) sees the old file
/// or the new one, never half of one.
public enum AtomicFile {
  /// The file's bytes, or nil when it cannot be read.
  public static func read(_ path: String) -> [UInt8]? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return Array(data)
  }

  /// A hidden name in the same folder as `path`, unique to this process
  /// (`folder/.name.1234-abcd.tmp.md`): the loader skips hidden files, so the knowledge base
  /// never sees it.
  public static func temporaryName(for path: String, tag: String = "tmp") -> String {
    let url = URL(fileURLWithPath: path)
    let folder = (path as NSString).deletingLastPathComponent
    let stem = url.deletingPathExtension().lastPathComponent
    let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
    let name =
      ".\(stem).\(getpid())-\(random).\(tag).\(url.pathExtension.isEmpty ? "md" : url.pathExtension)"
    return folder.isEmpty ? name : folder + "/" + name
  }

  /// Writes `bytes` to a temporary file beside `path` and renames it to `path`, keeping the old
  /// file's permissions (0644 for a new one).
  public static func write(_ bytes: [UInt8], to path: String) throws(CurationError) {
    let temporary = temporaryName(for: path)
    try writeNew(bytes, to: temporary, mode: mode(of: path) ?? 0o644)
    guard rename(temporary, path) == 0 else {
      let why = String(cString: strerror(errno))
      unlink(temporary)
      throw .refused("cannot write '\(path)': \(why)")
    }
  }

  /// Renames `temporary` to `path`; with `replacing: false`, refuses when `path` exists.
  public static func move(_ temporary: String, to path: String, replacing: Bool)
    throws(CurationError)
  {
    if replacing {
      guard rename(temporary, path) == 0 else {
        throw .refused("cannot write '\(path)': \(String(cString: strerror(errno)))")
      }
      return
    }
    // link + unlink: refuses atomically when the name was taken meanwhile.
    guard link(temporary, path) == 0 else {
      let exists = errno == EEXIST
      throw .refused(
        exists
          ? "'\(path)' exists already"
          : "cannot write '\(path)': \(String(cString: strerror(errno)))")
    }
    unlink(temporary)
  }

  /// Creates a new file (never an existing one) with `bytes`, flushed to disk.
  public static func writeNew(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644)
    throws(CurationError)
  {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
    guard fd >= 0 else {
      throw .refused("cannot write '\(path)': \(String(cString: strerror(errno)))")
    }
    var ok = fchmod(fd, mode) == 0
    var offset = 0
    while ok, offset < bytes.count {
      let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
      if n < 0, errno == EINTR { continue }
      if n <= 0 { ok = false } else { offset += n }
    }
    let code = errno
    ok = ok && fsync(fd) == 0
    close(fd)
    if !ok {
      unlink(path)
      throw .refused("cannot write '\(path)': \(String(cString: strerror(code)))")
    }
  }

  static func mode(of path: String) -> mode_t? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return info.st_mode & 0o7777
  }
}
