#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive `flock` on a lock file beside the store (`searches.yaml.lock`), held while a
/// change reads the current file, merges into it and writes it. The lock file itself is never
/// removed: removing it would let two processes lock different files.
enum FileLock {
  static func path(for storePath: String) -> String { storePath + ".lock" }

  static func withExclusiveLock<T>(
    on storePath: String, _ body: () throws -> T
  ) throws -> T {
    let lockPath = path(for: storePath)
    let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw SystemError.current("could not open the lock file '\(lockPath)'") }
    defer { close(fd) }
    while flock(fd, LOCK_EX) != 0 {
      if errno == EINTR { continue }
      throw SystemError.current("could not lock '\(lockPath)'")
    }
    defer { flock(fd, LOCK_UN) }
    return try body()
  }
}
