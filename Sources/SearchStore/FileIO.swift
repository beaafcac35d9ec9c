import SystemIO

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The store's file operations, through `SystemIO.Files`, with errors as `SystemError`.
enum FileIO {
  /// The file's bytes, or nil when it does not exist.
  static func contents(of path: String) throws(SystemError) -> [UInt8]? {
    do {
      return try Files.read(path, missingIsNil: true)
    } catch {
      throw SystemError(error)
    }
  }

  /// The permission bits of an existing file, or nil when it does not exist.
  static func mode(_ path: String) -> mode_t? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return info.st_mode & 0o7777
  }

  /// Creates `path` and any missing parents (0700 for the store's folder).
  static func makeDirectories(_ path: String) throws(SystemError) {
    do {
      try Files.makeDirectories(path)
    } catch {
      throw SystemError(error)
    }
  }

  /// Replaces the file durably and atomically: readers and crashes see the old file or the new
  /// one, whole, and on failure the old file is untouched.
  static func replace(_ bytes: [UInt8], at path: String, mode: mode_t) throws(SystemError) {
    do {
      try Files.replace(path, with: bytes, mode: mode, durable: true)
    } catch {
      throw SystemError(error)
    }
  }
}
