#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Plain POSIX file operations the store needs, with errors as `SystemError`.
enum FileIO {
  /// The file's bytes, or nil when it does not exist.
  static func contents(of path: String) throws(SystemError) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      if errno == ENOENT { return nil }
      throw SystemError.current("could not open")
    }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw SystemError.current("could not read")
      }
      if n == 0 { return bytes }
      bytes.append(contentsOf: buffer[0..<n])
    }
  }

  /// The permission bits of an existing file, or nil when it does not exist.
  static func mode(_ path: String) -> mode_t? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return info.st_mode & 0o7777
  }

  /// Creates `path` and any missing parents with `mode` (0700 for the store's folder).
  static func makeDirectories(_ path: String, mode: mode_t = 0o700) throws(SystemError) {
    var current = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
      current += "/" + part
      if mkdir(current, mode) != 0 && errno != EEXIST {
        throw SystemError.current("could not create the folder '\(current)'")
      }
    }
  }

  /// The folder holding `path`.
  static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let folder = String(path[..<slash])
    return folder.isEmpty ? "/" : folder
  }
}
